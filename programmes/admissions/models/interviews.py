from django.conf import settings
from django.db import models
from django.utils import timezone


def default_interview_rubric():
    return [
        {"key": "communication", "label": "Communication", "weight": 1},
        {"key": "understanding", "label": "Understanding of the sector", "weight": 1},
        {"key": "fit", "label": "Fit with the programme", "weight": 1},
    ]


class InterviewStage(models.Model):
    """A cohort that interviews its shortlist: the second stage's rubric (the same shape as the
    cohort's review rubric). A cohort without one does not interview."""

    cohort = models.OneToOneField("cohorts.Cohort", on_delete=models.CASCADE, related_name="interview_stage")
    rubric = models.JSONField(default=default_interview_rubric, help_text="Interview criteria with weights.")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Interviews for {self.cohort}"


class InterviewInvitation(models.Model):
    """A shortlisted applicant invited to book an interview slot. Only invited applicants can book;
    `slot_starts_at` mirrors the slot they hold (the events app keeps the booking itself)."""

    application = models.OneToOneField(
        "admissions.Application", on_delete=models.CASCADE, related_name="interview_invitation"
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    slot_starts_at = models.DateTimeField(null=True, blank=True, help_text="The start of the slot booked, if any.")

    class Meta:
        ordering = ["invited_at", "id"]

    def __str__(self):
        return f"Interview invitation for {self.application_id}"


class InterviewScore(models.Model):
    """One interviewer's scores of one application against the cohort's interview rubric."""

    application = models.ForeignKey("admissions.Application", on_delete=models.CASCADE, related_name="interview_scores")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scores = models.JSONField(default=dict, help_text="Interview criterion key → score 1–5.")
    weighted_score = models.FloatField()
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "interviewer"], name="one_interview_score_per_interviewer")
        ]

    def __str__(self):
        return f"{self.interviewer} interviewed {self.application_id}"
