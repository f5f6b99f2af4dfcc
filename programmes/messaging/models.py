from django.conf import settings
from django.db import models
from django.utils import timezone


class Audience(models.TextChoices):
    SESSION_BOOKED = "session_booked", "Booked on one session"
    SESSION_ATTENDED = "session_attended", "Attended one session"
    SESSION_NO_SHOW = "session_no_show", "No-shows of one session"
    UNIVERSITY = "university", "Every confirmed participant of one university"
    MENTEES_WITHOUT_MEETING = "mentees_without_meeting", "Mentees with no meeting yet"


# The audiences that name one session, and the booking status each one picks.
SESSION_AUDIENCES = {
    Audience.SESSION_BOOKED: "booked",
    Audience.SESSION_ATTENDED: "attended",
    Audience.SESSION_NO_SHOW: "no_show",
}


class CohortMessage(models.Model):
    """A coordinator's service email to part of a cohort. It is a draft until `sent_at`: the
    recipients are worked out again when it is sent, and each gets it once (outbox key
    message:{message}:{user})."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.PROTECT, related_name="messages")
    audience = models.CharField(max_length=30, choices=Audience.choices)
    session = models.ForeignKey(
        "events.Session", null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    partner = models.ForeignKey(
        "cohorts.Partner", null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.subject

    @property
    def audience_label(self):
        label = self.get_audience_display()
        if self.session_id:
            return f"{label}: {self.session.title}"
        if self.partner_id:
            return f"{label}: {self.partner.name}"
        return label
