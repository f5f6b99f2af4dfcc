import secrets

from django.conf import settings
from django.db import models


class CompletionCriteria(models.Model):
    """What a cohort asks of a participant to complete the programme."""

    cohort = models.OneToOneField("cohorts.Cohort", on_delete=models.CASCADE, related_name="completion_criteria")
    sessions_attended = models.PositiveSmallIntegerField(default=4)
    # Sessions of a kind that must be among them, e.g. {"careers": 1}; kinds are events' SessionKind values.
    sessions_by_kind = models.JSONField(default=dict, blank=True)
    mentor_meetings = models.PositiveSmallIntegerField(default=2)
    end_survey = models.BooleanField(default=True, help_text="The end-of-programme self-assessment is required.")

    class Meta:
        verbose_name_plural = "completion criteria"

    def __str__(self):
        return f"Completion criteria of {self.cohort}"


class AssessmentStage(models.TextChoices):
    START = "start", "At the start"
    END = "end", "At the end"


class SelfAssessment(models.Model):
    """One participant's answers at one stage: {item key: 1..5} (completion.assessment)."""

    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments")
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="self_assessments")
    stage = models.CharField(max_length=10, choices=AssessmentStage.choices)
    answers = models.JSONField(default=dict)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "cohort", "stage"], name="one_self_assessment_per_stage")
        ]

    def __str__(self):
        return f"{self.get_stage_display()} self-assessment of {self.participant}"


def new_certificate_code():
    return secrets.token_urlsafe(12)


class Certificate(models.Model):
    """Issued once a participant meets the cohort's criteria. The public verify page shows only
    whether the code is valid; the figures are those at issue."""

    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(max_length=32, unique=True, default=new_certificate_code)
    issued_at = models.DateTimeField(auto_now_add=True)
    sessions_attended = models.PositiveSmallIntegerField(default=0)
    mentoring_minutes = models.PositiveIntegerField(default=0)
    pathways = models.JSONField(default=list, blank=True, help_text="Names of the pathways explored.")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "cohort"], name="one_certificate_per_cohort")]

    def __str__(self):
        return f"Certificate {self.code} for {self.participant}"

    @property
    def is_valid(self):
        return self.revoked_at is None
