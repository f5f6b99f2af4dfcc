from django.conf import settings
from django.db import models
from django.utils import timezone


class CohortStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"


def default_reminder_offsets():
    # Minutes before a session starts: 7 days, 24 hours, 1 hour.
    return [7 * 24 * 60, 24 * 60, 60]


def default_rubric():
    return [
        {"key": "motivation", "label": "Motivation and fit", "weight": 3},
        {"key": "potential", "label": "Career potential", "weight": 2},
        {"key": "commitment", "label": "Availability and commitment", "weight": 1},
    ]


class Cohort(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=CohortStatus.choices, default=CohortStatus.DRAFT)
    applications_open_at = models.DateTimeField()
    applications_close_at = models.DateTimeField()
    programme_starts_on = models.DateField()
    programme_ends_on = models.DateField()
    partners = models.ManyToManyField("cohorts.Partner", through="cohorts.CohortPartner", related_name="cohorts")
    levels_allowed = models.JSONField(default=list, blank=True, help_text="Levels of study that may apply.")
    rubric = models.JSONField(default=default_rubric, blank=True, help_text="Review criteria with weights.")
    offer_response_days = models.PositiveSmallIntegerField(default=7)
    blind_first_review = models.BooleanField(default=False)
    # The CV names the student, so in a blind pass reviewers get it only when the cohort says so.
    show_cv_in_blind_pass = models.BooleanField("Reviewers get the CV in the blind pass", default=False)
    staff_may_release = models.BooleanField(default=False)
    min_reviews_for_decision = models.PositiveSmallIntegerField(
        "Reviews needed before a decision",
        default=1,
        help_text="A decision can be staged only once an application has this many scored reviews.",
    )
    gives_feedback = models.BooleanField(
        "Give feedback to unsuccessful applicants",
        default=False,
        help_text="Reviewers write feedback for the applicant; it is shown to them when a place is not offered.",
    )
    reminder_offsets = models.JSONField(default=default_reminder_offsets, blank=True)
    # What the public page says; coordinators edit it on the cohort's public-page set-up.
    contact_email = models.EmailField(
        "contact address", blank=True, help_text="Where students write with questions about this cohort."
    )
    decisions_by = models.DateField("decisions by", null=True, blank=True)
    offer = models.JSONField(
        default=dict, blank=True, help_text="What a participant gets: a description per kind of activity."
    )

    class Meta:
        ordering = ["-applications_open_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applications_close_at__gt=models.F("applications_open_at")),
                name="cohort_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def contact_address(self):
        """The cohort's own contact address, or the programme's when the cohort has none."""
        return self.contact_email or settings.FTL_CONTACT_EMAIL

    def is_accepting_applications(self, at=None):
        at = at or timezone.now()
        return self.status == CohortStatus.OPEN and self.applications_open_at <= at < self.applications_close_at


class CohortPartner(models.Model):
    """A partner university's part in a cohort, with its place quota."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="cohort_partners")
    partner = models.ForeignKey("cohorts.Partner", on_delete=models.PROTECT, related_name="cohort_partners")
    quota = models.PositiveIntegerField(default=10)

    class Meta:
        ordering = ["partner__name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "partner"], name="one_quota_per_partner")]

    def __str__(self):
        return f"{self.partner} in {self.cohort} ({self.quota} places)"
