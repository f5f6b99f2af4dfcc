"""Coordinators' changes to sessions: create, edit, cancel. A change of time or place raises the
session's calendar SEQUENCE and sends seat holders the updated invite; a cancellation sends a
CANCEL to seat holders and tells the waitlist."""

from django.db import transaction
from django.utils import timezone

from programmes.events import emails as session_emails
from programmes.events.models import Booking, BookingStatus, Session, SessionStatus
from programmes.events.services import interviews
from programmes.events.services.bookings import BookingRefused, fill_seats, lock_session

# Fields that change where or when a person has to be: attendees get an updated invite.
NOTIFY_FIELDS = ("starts_at", "ends_at", "format", "venue", "address", "join_url")


def create_session(*, cohort, created_by, pathways=(), **fields):
    with transaction.atomic():
        session = Session.objects.create(cohort=cohort, created_by=created_by, **fields)
        session.pathways.set(pathways)
    return session


def _notify(session, statuses):
    people = Booking.objects.filter(session=session, status__in=statuses).select_related("participant")
    for booking in people:
        booking.session = session
        session_emails.queue_session_change_email(booking)


def update_session(*, session, pathways=None, at=None, **fields):
    """Apply a coordinator's edit. Capacity may not drop below the seats already taken; raising
    it seats people from the waitlist."""
    with transaction.atomic():
        locked = lock_session(session.pk)
        if locked.is_cancelled:
            raise BookingRefused("A cancelled session cannot be edited.")
        if fields.get("capacity", locked.capacity) < locked.seats_taken:
            raise BookingRefused(f"{locked.seats_taken} seats are booked; capacity cannot be lower.")
        moved = any(fields[name] != getattr(locked, name) for name in NOTIFY_FIELDS if name in fields)
        for name, value in fields.items():
            setattr(locked, name, value)
        if moved:
            locked.sequence += 1
        locked.save()
        if pathways is not None:
            locked.pathways.set(pathways)
        if moved:
            _notify(locked, [BookingStatus.BOOKED])
            interviews.sync_slot(locked)
        fill_seats(session=locked, at=at)
    return locked


def cancel_session(*, session):
    with transaction.atomic():
        locked = lock_session(session.pk)
        if locked.is_cancelled:
            return locked
        locked.status = SessionStatus.CANCELLED
        locked.sequence += 1
        locked.updated_at = timezone.now()
        locked.save(update_fields=["status", "sequence", "updated_at"])
        _notify(locked, [BookingStatus.BOOKED, BookingStatus.WAITLISTED])
        interviews.sync_slot(locked)
    return locked
