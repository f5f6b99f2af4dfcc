"""The reminder scan, run every minute by beat. It finds what is due by querying, never by
scheduling far-future tasks: for each cohort with sessions ahead and each of its reminder offsets,
one query selects the seats whose reminder time has passed, whose session has not started, which
were taken before that reminder time (late bookers get only the reminders still ahead) and which
have not had this or a nearer reminder yet. Offsets run nearest first, so a scan that was down
for a while sends only the most imminent reminder. The outbox key reminder:{booking}:{offset}
makes a repeated or concurrent scan harmless."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from programmes.cohorts.models import Cohort
from programmes.events import emails as session_emails
from programmes.events.models import Booking, BookingStatus, SessionStatus

# After a session ends, attendees are asked for feedback once, within this window.
FEEDBACK_WINDOW = timedelta(days=3)


def due_reminders(*, cohort, offset, now):
    return (
        Booking.objects.filter(
            session__cohort=cohort,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gt=now,
            session__starts_at__lte=now + timedelta(minutes=offset),
            status=BookingStatus.BOOKED,
            seated_at__lte=F("session__starts_at") - timedelta(minutes=offset),
        )
        .filter(Q(last_reminder_offset__isnull=True) | Q(last_reminder_offset__gt=offset))
        .select_related("session", "participant")
    )


def scan_reminders(*, now=None):
    """Queue every reminder that is due. Returns how many were queued."""
    now = now or timezone.now()
    horizon = max((max(c.reminder_offsets or [0]) for c in Cohort.objects.only("reminder_offsets")), default=0)
    cohorts = Cohort.objects.filter(
        sessions__status=SessionStatus.SCHEDULED,
        sessions__starts_at__gt=now,
        sessions__starts_at__lte=now + timedelta(minutes=horizon),
    ).distinct()
    queued = 0
    for cohort in cohorts:
        for offset in sorted({int(m) for m in cohort.reminder_offsets or []}):
            for booking in due_reminders(cohort=cohort, offset=offset, now=now):
                with transaction.atomic():
                    session_emails.queue_reminder_email(booking, offset=offset, now=now)
                    Booking.objects.filter(pk=booking.pk).update(last_reminder_offset=offset)
                queued += 1
    return queued


def scan_feedback_requests(*, now=None):
    """Ask each attendee of a session that ended lately for feedback, once."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=BookingStatus.ATTENDED,
        feedback_requested_at__isnull=True,
        session__ends_at__lte=now,
        session__ends_at__gt=now - FEEDBACK_WINDOW,
    ).select_related("session", "participant")
    count = 0
    for booking in due:
        with transaction.atomic():
            session_emails.queue_feedback_request(booking)
            Booking.objects.filter(pk=booking.pk).update(feedback_requested_at=now)
        count += 1
    return count
