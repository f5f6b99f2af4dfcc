import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class SessionKind(models.TextChoices):
    EXPERT_TALK = "expert_talk", "Expert-led talk"
    CAREERS_INSIGHT = "careers_insight", "Careers insight"
    MENTORING = "mentoring", "Mentoring"
    NETWORKING = "networking", "Networking"
    WORKSHOP = "workshop", "Workshop"
    # A one-seat slot an applicant invited to interview books (programmes/events/services/interviews.py);
    # never on the programme's schedule.
    INTERVIEW = "interview", "Interview"


class SessionFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"


# The register and the room's check-in code open this long before a session starts.
CHECK_IN_OPENS_BEFORE = timedelta(hours=1)


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Session(models.Model):
    """One programme session. `seats_taken` counts booked seats; the database refuses more than
    `capacity` (the backstop behind the row lock in services.bookings). `sequence` is the
    calendar SEQUENCE, raised whenever a change is sent to attendees."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    speakers = models.TextField(blank=True, help_text="One speaker a line: name, organisation.")
    pathways = models.ManyToManyField("cohorts.Pathway", blank=True, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=20, choices=SessionFormat.choices, default=SessionFormat.IN_PERSON)
    venue = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    # Teams and Zoom links with their tracking context run to several hundred characters.
    join_url = models.URLField(max_length=2000, blank=True, help_text="Shown only to people with a booked seat.")
    capacity = models.PositiveIntegerField()
    audience_partner = models.ForeignKey(
        "cohorts.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text="Empty: every confirmed participant of the cohort; otherwise one university's only.",
    )
    status = models.CharField(max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    seats_taken = models.PositiveIntegerField(default=0)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
            models.CheckConstraint(condition=Q(seats_taken__lte=models.F("capacity")), name="session_not_overbooked"),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return self.title

    @property
    def is_online(self):
        return self.format == SessionFormat.ONLINE

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED

    @property
    def calendar_uid(self):
        return f"session-{self.pk}@ftl-portal"

    @property
    def check_in_opens_at(self):
        """One hour before the start, but never before the session's own day (Europe/London)."""
        day_starts = timezone.make_aware(datetime.combine(timezone.localtime(self.starts_at).date(), time.min))
        return max(self.starts_at - CHECK_IN_OPENS_BEFORE, day_starts)

    @property
    def check_in_is_open(self):
        return self.check_in_opens_at <= timezone.now()

    @property
    def has_started(self):
        return self.starts_at <= timezone.now()

    @property
    def seats_left(self):
        return max(self.capacity - self.seats_taken, 0)

    def speaker_lines(self):
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITLISTED = "waitlisted", "Waitlisted"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "No-show"


# The statuses that hold a seat.
SEATED = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)


class Booking(models.Model):
    """A participant's place on a session. `revision` rises on every change of the booking, so a
    person's calendar SEQUENCE (session.sequence + revision) never goes backwards."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings")
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    seated_at = models.DateTimeField(null=True, blank=True, help_text="When the seat was given.")
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    last_reminder_offset = models.PositiveIntegerField(
        null=True, blank=True, help_text="Minutes before the start of the latest reminder queued."
    )
    feedback_requested_at = models.DateTimeField(null=True, blank=True)
    no_show_followed_up_at = models.DateTimeField(null=True, blank=True)
    # Special-category data: the register shows only that a note exists; the text is on its own page.
    access_needs = models.TextField(
        blank=True,
        help_text="So we can make sessions work for you; "
        "seen only by Medilink coordinators and the session's organiser.",
    )

    class Meta:
        ordering = ["session__starts_at", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "participant"], name="one_booking_per_person")]
        indexes = [
            models.Index(fields=["session", "status", "waitlisted_at"]),
            models.Index(fields=["participant", "status"]),
        ]

    def __str__(self):
        return f"{self.participant} · {self.session} ({self.status})"

    @property
    def has_seat(self):
        return self.status in SEATED

    @property
    def shown_status(self):
        """The status to show a person: attendance recorded before check-in opened (a session
        moved later after its register was kept) is not shown, so a booking still to come never
        reads "Attended"."""
        recorded = self.status in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW)
        if recorded and self.session.check_in_opens_at > timezone.now():
            return BookingStatus.BOOKED
        return self.status

    @property
    def calendar_sequence(self):
        return self.session.sequence + self.revision


class Feedback(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="one_feedback_per_person"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.rating}/5 for {self.session}"


def new_feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret calendar subscription URL. Regenerating replaces the token; revoking
    deletes the row, so the old URL stops working at once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar feed of {self.user}"
