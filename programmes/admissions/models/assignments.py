from django.conf import settings
from django.db import models
from django.utils import timezone


class ReviewerProfile(models.Model):
    """What assignment needs to know about a member of university staff: whether they lead their
    university's reviewing, and their department, whose own students they do not review when the
    assignment keeps departments apart."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile")
    is_lead = models.BooleanField("Lead reviewer", default=False)
    department = models.CharField(max_length=120, blank=True)
    department_courses = models.JSONField(
        default=list, blank=True, help_text="Courses taught in the reviewer's department, as applicants name them."
    )

    def __str__(self):
        return f"{self.user} ({self.department or 'no department'})"

    def teaches(self, course):
        wanted = course.strip().casefold()
        return bool(wanted) and any(c.strip().casefold() == wanted for c in self.department_courses)


class ReviewAssignment(models.Model):
    """An application given to a reviewer to review, by hand or by the assignment engine."""

    application = models.ForeignKey("admissions.Application", on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_assignment_per_reviewer"),
        ]
        indexes = [models.Index(fields=["reviewer", "application"], name="assignment_by_reviewer")]

    def __str__(self):
        return f"{self.application_id} → {self.reviewer}"
