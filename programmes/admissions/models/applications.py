from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone

from programmes.cohorts.models.partners import LevelOfStudy

# A campaign's apply link stores its ref token in the session under this key; the application the
# student then starts records it, so campaign results can count applications.
CAMPAIGN_REF_SESSION_KEY = "ftl_campaign_ref"


class ApplicationState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    OFFERED = "offered", "Offered a place"
    WAITLISTED = "waitlisted", "Waitlisted"
    REJECTED = "rejected", "Not offered a place"
    CONFIRMED = "confirmed", "Place confirmed"
    DECLINED = "declined", "Offer declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


def private_storage():
    return storages["private"]


def cv_upload_path(instance, filename):
    # The stored name never carries the student's own file name.
    return f"cv/{instance.cohort_id}/{instance.student_id}/{timezone.now():%Y%m%d%H%M%S}.pdf"


class Application(models.Model):
    """A student's application to one cohort. State changes go through the services only."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.PROTECT, related_name="applications")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    partner = models.ForeignKey("cohorts.Partner", on_delete=models.PROTECT, related_name="applications")
    state = models.CharField(max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT)
    # The student's full name, copied (programmes/admissions/student_names.py keeps it the same) so
    # the queue's name search runs on the queue index alone: matching the students' own names first
    # walked every account with that name, and grew with them.
    student_name = models.CharField(max_length=150, blank=True, editable=False)

    course = models.CharField(max_length=200, blank=True)
    level_of_study = models.CharField(max_length=10, choices=LevelOfStudy.choices, blank=True)
    year_of_study = models.PositiveSmallIntegerField(null=True, blank=True)
    pathways = models.ManyToManyField("cohorts.Pathway", blank=True, related_name="applications")
    motivation = models.TextField(blank=True)
    career_goals = models.TextField(blank=True)
    availability = models.TextField(blank=True)
    # Special-category data: seen only by coordinators, never by university staff or on the review page.
    access_needs = models.TextField(
        blank=True,
        help_text="So we can make sessions work for you; "
        "seen only by Medilink coordinators and the session's organiser.",
    )
    cv = models.FileField(upload_to=cv_upload_path, storage=private_storage, blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    campaign_ref = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="The recruitment campaign link the student arrived by (session key CAMPAIGN_REF_SESSION_KEY).",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the retention schedule blanked the answers and deleted the CV; the state and dates stay.",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "student"], name="one_application_per_cohort"),
        ]
        indexes = [
            models.Index(fields=["cohort", "partner", "state"]),
            # The review queue: a university's submitted applications, newest first, by state; the
            # included columns let PostgreSQL count, search (course, student name) and page the queue
            # from the index alone, not from the wide rows with their answers. The id is a key, not
            # included, because the queue's order breaks ties by it: the index then gives that order
            # itself, so a search stops at its 251st match instead of reading and sorting every entry
            # of the university (9.1 ms of PostgreSQL's CPU at 10,000 applications, 3.4 ms so).
            models.Index(
                fields=["partner", "submitted_at", "id"],
                include=["state", "student", "cohort", "course", "student_name"],
                name="application_queue",
            ),
            models.Index(
                fields=["partner", "state", "submitted_at"],
                include=["id", "level_of_study"],
                name="application_queue_state",
            ),
            # The coordinators' list of every university's applications, newest first: without it
            # PostgreSQL sorted all of them for each page.
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(submitted_at__isnull=False),
                name="application_submitted",
            ),
        ]

    def __str__(self):
        return f"{self.student} → {self.cohort}"


class ApplicationEvent(models.Model):
    """The audit trail: every state change, who made it, when and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the portal itself acted (an expired offer, an automatic offer from the waitlist).",
    )
    from_state = models.CharField(max_length=20, choices=ApplicationState.choices)
    to_state = models.CharField(max_length=20, choices=ApplicationState.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.application_id}: {self.from_state} → {self.to_state}"


class ApplicationExtension(models.Model):
    """A coordinator lets one student submit to one cohort after the close, until `until`."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="extensions")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    reason = models.TextField(blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["cohort", "student"], name="one_extension_per_student")]

    def __str__(self):
        return f"{self.student} in {self.cohort} until {self.until:%Y-%m-%d %H:%M}"
