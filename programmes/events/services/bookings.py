"""Seats on sessions: booking, the waitlist, cancelling, feedback and calendar feeds (check-in is
services.attendance).

Capacity holds under concurrent requests: every change to a session's seats happens inside one
transaction holding the session's row lock, and the database refuses seats_taken > capacity as a
backstop (constraint session_not_overbooked)."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ftl_portal.errors import PortalError
from programmes.admissions.services import interviews as admissions_interviews
from programmes.events import emails as session_emails
from programmes.events.models import (
    Booking,
    BookingStatus,
    CalendarFeed,
    Feedback,
    Session,
    SessionKind,
    new_feed_token,
)
from programmes.events.selectors import booking_for_release, may_book

ACTIVE = (BookingStatus.BOOKED, BookingStatus.WAITLISTED)


class BookingRefused(PortalError):
    """A booking change the rules do not allow; the message is for the person."""


def lock_session(pk):
    """The session row, locked until the transaction ends (PostgreSQL; SQLite serialises writers)."""
    return Session.objects.select_for_update().get(pk=pk)


def _take_seat(session):
    Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + 1)
    session.seats_taken += 1


def _free_seat(session):
    Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") - 1)
    session.seats_taken -= 1


def book(*, session, participant, at=None):
    """Give `participant` a seat, or a waitlist place when the session is full. Booking again
    while booked or waitlisted returns the booking unchanged."""
    at = at or timezone.now()
    if not may_book(user=participant, session=session):
        raise BookingRefused("This session is not open to you.")
    with transaction.atomic():
        locked = lock_session(session.pk)
        if locked.is_cancelled:
            raise BookingRefused("This session has been cancelled.")
        if locked.starts_at <= at:
            raise BookingRefused("This session has already started.")
        booking = Booking.objects.select_for_update().filter(session=locked, participant=participant).first()
        if booking is not None and booking.status != BookingStatus.CANCELLED:
            return booking
        if booking is None:
            booking = Booking(session=locked, participant=participant, created_at=at)
        else:
            booking.revision += 1
        booking.session = locked
        booking.last_reminder_offset = None
        if locked.seats_taken < locked.capacity:
            _take_seat(locked)
            booking.status, booking.seated_at, booking.waitlisted_at = BookingStatus.BOOKED, at, None
        else:
            booking.status, booking.seated_at, booking.waitlisted_at = BookingStatus.WAITLISTED, None, at
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError as exc:  # the same person's double click, a moment apart
            raise BookingRefused("You already have a booking for this session.") from exc
        session_emails.queue_booking_email(booking)
    return booking


def cancel_booking(*, booking, at=None):
    """Give up a seat or a waitlist place. A freed seat goes to the first person waiting."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = lock_session(booking.session_id)
        current = Booking.objects.select_for_update().select_related("participant").get(pk=booking.pk)
        if current.status not in ACTIVE:
            raise BookingRefused("This booking is not active.")
        if locked.starts_at <= at:
            raise BookingRefused("The session has started; the booking can no longer be cancelled.")
        had_seat = current.status == BookingStatus.BOOKED
        current.session = locked
        current.status = BookingStatus.CANCELLED
        current.revision += 1
        current.save(update_fields=["status", "revision"])
        session_emails.queue_booking_email(current)
        if had_seat:
            _free_seat(locked)
            fill_seats(session=locked, at=at)
        if locked.kind == SessionKind.INTERVIEW:
            admissions_interviews.record_slot(student=current.participant, cohort_id=locked.cohort_id, starts_at=None)
    return current


def release_cohort_bookings(*, participant, cohort, at=None):
    """Someone leaving a cohort gives up their seats and waitlist places on its sessions still to
    come, so the seats go to the people waiting (a started session's booking is history)."""
    at = at or timezone.now()
    active = Booking.objects.filter(
        participant=participant, session__cohort=cohort, session__starts_at__gt=at, status__in=ACTIVE
    )
    return [cancel_booking(booking=booking, at=at) for booking in active]


def waiting_to_be_seated(session, *, at=None, lock=False):
    """The waitlisted bookings, first come first served, that the session's free seats would take
    now (none once it has started or is cancelled). `session` may be an unsaved edit of the row."""
    at = at or timezone.now()
    free = session.capacity - session.seats_taken
    if session.is_cancelled or session.starts_at <= at or free <= 0:
        return []
    waiting = Booking.objects.filter(session_id=session.pk, status=BookingStatus.WAITLISTED)
    if lock:
        waiting = waiting.select_for_update()
    return list(waiting.select_related("participant").order_by("waitlisted_at", "id")[:free])


def fill_seats(*, session, at=None):
    """Move waitlisted people, first come first served, into the free seats of a session whose
    row the caller holds locked. Each one promoted is emailed with the invite."""
    at = at or timezone.now()
    waiting = waiting_to_be_seated(session, at=at, lock=True)
    for booking in waiting:
        _take_seat(session)
        booking.session = session
        booking.status, booking.seated_at, booking.waitlisted_at = BookingStatus.BOOKED, at, None
        booking.revision += 1
        booking.save(update_fields=["status", "seated_at", "waitlisted_at", "revision"])
        session_emails.queue_promoted_email(booking)
    return waiting


def release_seat(*, token, at=None):
    """The one-click release from a reminder email: the signed token names the booking and its
    revision, so a link stops working once the booking has changed."""
    booking = booking_for_release(token=token)
    if booking is None:
        raise BookingRefused("This seat has already been released or changed.")
    return cancel_booking(booking=booking, at=at)


def give_feedback(*, session, participant, rating, comment="", at=None):
    at = at or timezone.now()
    attended = Booking.objects.filter(session=session, participant=participant, status=BookingStatus.ATTENDED)
    if not attended.exists() or session.ends_at > at:
        raise BookingRefused("Feedback opens after a session you attended.")
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                session=session, participant=participant, rating=rating, comment=comment, created_at=at
            )
    except IntegrityError as exc:
        raise BookingRefused("You have already given feedback on this session.") from exc


def regenerate_feed(*, user):
    """A new secret feed URL; the old one stops working."""
    feed, _ = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": new_feed_token(), "created_at": timezone.now()}
    )
    return feed


def revoke_feed(*, user):
    CalendarFeed.objects.filter(user=user).delete()


def set_access_needs(*, booking, access_needs):
    """Record (or clear) the participant's access needs for this session, while the booking stands."""
    if booking.status not in ACTIVE:
        raise BookingRefused("Book the session again to tell us your access needs for it.")
    access_needs = access_needs.strip()[:2000]
    Booking.objects.filter(pk=booking.pk).update(access_needs=access_needs)
    booking.access_needs = access_needs
    return booking
