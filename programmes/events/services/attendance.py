"""Attendance that is true: the coordinator's register and the room's self check-in code open on
the session's day, an hour before it starts (Session.check_in_opens_at), and not earlier, so a
booking still to come is never recorded as attended. No-shows are marked once the session has
started, and each gets one follow-up email after the session ends."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from programmes.events import emails as session_emails
from programmes.events.models import SEATED, Booking, BookingStatus, SessionStatus
from programmes.events.services.bookings import BookingRefused
from programmes.events.tokens import CHECK_IN_CODE_LIFETIME, check_in_step, read_check_in_token

# A no-show marked this long after the session ended is too late for a follow-up.
NO_SHOW_FOLLOW_UP_WINDOW = timedelta(days=7)


class CheckInRefused(BookingRefused):
    """A check-in the clock, the seat or the code does not allow; the message is for the person."""


def _local(moment):
    return timezone.localtime(moment).strftime("%H:%M %Z on %-d %B")


def _refuse_unless_open(session, now):
    if session.is_cancelled:
        raise CheckInRefused("This session has been cancelled.")
    if now < session.check_in_opens_at:
        raise CheckInRefused(f"Check-in for this session opens at {_local(session.check_in_opens_at)}.")


def set_attendance(*, booking, status, now=None):
    """The register's toggle: a seat holder is attended, a no-show, or back to booked. Attended
    needs check-in to be open; no-show needs the session to have started."""
    now = now or timezone.now()
    if status not in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW, BookingStatus.BOOKED):
        raise CheckInRefused("Choose checked in, no-show or booked.")
    with transaction.atomic():
        current = Booking.objects.select_for_update().select_related("session", "participant").get(pk=booking.pk)
        if not current.has_seat:
            raise CheckInRefused("Only people with a seat can be checked in.")
        if status != BookingStatus.BOOKED:
            _refuse_unless_open(current.session, now)
        if status == BookingStatus.NO_SHOW and now < current.session.starts_at:
            raise CheckInRefused("Someone can be marked as a no-show once the session has started.")
        current.status = status
        current.save(update_fields=["status"])
    return current


def _seat_for_code(token, participant, now, *, lock=False):
    named = read_check_in_token(token)
    if named is None:
        raise CheckInRefused("This check-in code is not valid. Scan the code on the screen in the room again.")
    session_pk, step = named
    if not 0 <= check_in_step(now) - step < CHECK_IN_CODE_LIFETIME:
        raise CheckInRefused("This check-in code has expired. Scan the code on the screen in the room again.")
    bookings = Booking.objects.select_for_update() if lock else Booking.objects
    booking = (
        bookings.select_related("session")
        .filter(session_id=session_pk, participant=participant, status__in=SEATED)
        .first()
    )
    if booking is None:
        raise CheckInRefused(
            "You do not have a seat on this session, so you cannot check in. Please see the organiser."
        )
    _refuse_unless_open(booking.session, now)
    if now > booking.session.ends_at:
        raise CheckInRefused("This session has ended; the organiser keeps the register from here.")
    return booking


def seat_for_check_in_code(*, token, participant, now=None):
    """The seat a scanned code would check in, or the refusal, before the person confirms."""
    return _seat_for_code(token, participant, now or timezone.now())


def self_check_in(*, token, participant, now=None):
    """A participant checks themself in by scanning the room's code. The code must be fresh and
    genuine, the person must hold a seat, and check-in must be open and the session not over."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _seat_for_code(token, participant, now, lock=True)
        if booking.status != BookingStatus.ATTENDED:
            booking.status = BookingStatus.ATTENDED
            booking.save(update_fields=["status"])
    return booking


def follow_up_no_shows(*, now=None):
    """Email each no-show of a session that ended lately, once (outbox key no-show:{booking})."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=BookingStatus.NO_SHOW,
        no_show_followed_up_at__isnull=True,
        participant__is_active=True,
        session__status=SessionStatus.SCHEDULED,
        session__ends_at__lte=now,
        session__ends_at__gt=now - NO_SHOW_FOLLOW_UP_WINDOW,
    ).select_related("session", "participant")
    count = 0
    for booking in due:
        with transaction.atomic():
            session_emails.queue_no_show_email(booking)
            Booking.objects.filter(pk=booking.pk).update(no_show_followed_up_at=now)
        count += 1
    return count
