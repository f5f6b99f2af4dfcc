from django.conf import settings
from django.db import models
from django.utils import timezone


class Recommendation(models.TextChoices):
    OFFER = "offer", "Offer a place"
    WAITLIST = "waitlist", "Waiting list"
    REJECT = "reject", "Do not offer"


class Review(models.Model):
    """One reviewer's assessment of one application, or their declaration of a conflict of interest
    (then there are no scores and the reviewer stays out of that application)."""

    application = models.ForeignKey("admissions.Application", on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    scores = models.JSONField(default=dict, blank=True, help_text="Rubric criterion key → score 1–5.")
    weighted_score = models.FloatField(
        null=True, blank=True, help_text="The scores weighted by the cohort's rubric, kept for sorting."
    )
    comment = models.TextField(blank=True, help_text="Private: for reviewers and coordinators only.")
    applicant_feedback = models.TextField(
        blank=True, help_text="For the applicant, shown with the decision where the cohort gives feedback."
    )
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices, blank=True)
    conflict_declared = models.BooleanField(default=False)
    conflict_reason = models.CharField(max_length=300, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_review_per_reviewer"),
        ]
        indexes = [
            models.Index(fields=["reviewer", "application"], include=["conflict_declared"], name="review_by_reviewer"),
        ]

    def __str__(self):
        return f"{self.reviewer} on {self.application_id}"


class Decision(models.TextChoices):
    OFFER = "offered", "Offer a place"
    WAITLIST = "waitlisted", "Waiting list"
    REJECT = "rejected", "Do not offer"


class StagedDecision(models.Model):
    """A decision made but not yet released to the student. Staged offers count against the
    university's quota; release turns each into a state change through set_state."""

    application = models.OneToOneField(
        "admissions.Application", on_delete=models.CASCADE, related_name="staged_decision"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    staged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    staged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["staged_at", "id"]

    def __str__(self):
        return f"{self.application_id}: {self.decision} (staged)"
