import re

from django.conf import settings
from django.db import models
from django.utils import timezone


def normalise_label(label):
    """Tags compare in lower case with single spaces: "Strong  CV" and "strong cv" are one tag."""
    return re.sub(r"\s+", " ", (label or "").strip().lower())


# The tag that puts an application on the shortlist (the queue's filter and the interview invitations).
SHORTLISTED = "shortlisted"


class ApplicationNote(models.Model):
    """A note staff of the application's university and coordinators share about an application.
    Never shown to the student; it is part of their data export."""

    application = models.ForeignKey("admissions.Application", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Note on {self.application_id}"


class ApplicationTag(models.Model):
    """A short label on an application ("shortlisted", "strong cv"), shared like the notes."""

    application = models.ForeignKey("admissions.Application", on_delete=models.CASCADE, related_name="tags")
    label = models.CharField(max_length=40)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["label"]
        constraints = [models.UniqueConstraint(fields=["application", "label"], name="one_tag_per_label")]
        indexes = [models.Index(fields=["label", "application"], name="application_tag_by_label")]

    def __str__(self):
        return f"{self.label} on {self.application_id}"
