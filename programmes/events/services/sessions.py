"""Coordinators' changes to sessions: create, edit, cancel. A change of time or place raises the
session's calendar SEQUENCE and sends seat holders the updated invite; a cancellation sends a
CANCEL to seat holders and tells the waitlist."""

import copy

from django.db import transaction
from django.utils import timezone

from ftl_portal.confirmation import check_fingerprint
from programmes.events import emails as session_emails
from programmes.events.models import Booking, BookingStatus, Session, SessionStatus
from programmes.events.services import interviews
from programmes.events.services.bookings import BookingRefused, fill_seats, lock_session, waiting_to_be_seated

# Fields that change where or when a person has to be: attendees get an updated invite.
NOTIFY_FIELDS = ("starts_at", "ends_at", "format", "venue", "address", "join_url")


def create_session(*, cohort, created_by, pathways=(), **fields):
    with transaction.atomic():
        session = Session.objects.create(cohort=cohort, created_by=created_by, **fields)
        session.pathways.set(pathways)
    return session


def people_told(session, *, cancelling):
    """Whom a change tells: seat holders of a move, seat holders and the waitlist of a cancellation."""
    statuses = [BookingStatus.BOOKED, BookingStatus.WAITLISTED] if cancelling else [BookingStatus.BOOKED]
    return list(
        Booking.objects.filter(session=session, status__in=statuses)
        .select_related("participant")
        .order_by("status", "participant__full_name", "pk")
    )


def moves(session, fields):
    """Whether these edits change where or when a person has to be."""
    return any(fields[name] != getattr(session, name) for name in NOTIFY_FIELDS if name in fields)


def change_confirmation(session, *, cancelling=False, fields=None):
    """The confirmation page of a cancellation or a move (nothing is saved): everyone it tells
    and the email each reads, written as the session will be."""
    changed = _edited(session, fields or {})
    if cancelling:
        changed.status = SessionStatus.CANCELLED
    changed.sequence = session.sequence + 1
    return session_emails.change_confirmation(changed=changed, bookings=people_told(session, cancelling=cancelling))


def _edited(session, fields):
    changed = copy.copy(session)
    for name, value in fields.items():
        setattr(changed, name, value)
    return changed


def promotions(session, fields):
    """The waitlisted people an edit would seat, by raising the capacity (nothing is saved)."""
    return waiting_to_be_seated(_edited(session, fields))


def promotion_confirmation(session, fields):
    """The page that asks before an edit seats people from the waitlist, and emails them."""
    changed = _edited(session, fields)
    return session_emails.promotion_confirmation(changed=changed, bookings=waiting_to_be_seated(changed))


def _notify(session, *, cancelling, audience):
    """Tell everyone the change reaches; `audience` is the fingerprint the coordinator confirmed
    (None: no confirmation asked, as from a script), and a changed audience tells nobody."""
    people = people_told(session, cancelling=cancelling)
    if audience is not None:
        check_fingerprint(audience, session_emails.change_audience_items(people))
    for booking in people:
        booking.session = session
        session_emails.queue_session_change_email(booking)


def refuse_edit(session, fields):
    """Raise BookingRefused if the edit cannot be made (asked again under the lock on saving)."""
    if session.is_cancelled:
        raise BookingRefused("A cancelled session cannot be edited.")
    if fields.get("capacity", session.capacity) < session.seats_taken:
        raise BookingRefused(f"{session.seats_taken} seats are booked; capacity cannot be lower.")


def update_session(*, session, pathways=None, at=None, audience=None, promoted=None, **fields):
    """Apply a coordinator's edit. Capacity may not drop below the seats already taken; raising
    it seats people from the waitlist, as confirmed by `promoted` (the fingerprint of those the
    confirmation named; None: not asked, as from a script). A move tells the seat holders, as
    confirmed by `audience` (see _notify). If either changed since its confirmation, nothing is saved."""
    with transaction.atomic():
        locked = lock_session(session.pk)
        refuse_edit(locked, fields)
        moved = moves(locked, fields)
        for name, value in fields.items():
            setattr(locked, name, value)
        if moved:
            locked.sequence += 1
        locked.save()
        if pathways is not None:
            locked.pathways.set(pathways)
        if moved:
            _notify(locked, cancelling=False, audience=audience)
            interviews.sync_slot(locked)
        if promoted is not None:
            check_fingerprint(promoted, session_emails.promotion_audience_items(waiting_to_be_seated(locked, at=at)))
        fill_seats(session=locked, at=at)
    return locked


def cancel_session(*, session, audience=None):
    """Cancel once (a second call changes nothing) and tell everyone booked or waiting, as
    confirmed by `audience` (see _notify)."""
    with transaction.atomic():
        locked = lock_session(session.pk)
        if locked.is_cancelled:
            return locked
        locked.status = SessionStatus.CANCELLED
        locked.sequence += 1
        locked.updated_at = timezone.now()
        locked.save(update_fields=["status", "sequence", "updated_at"])
        _notify(locked, cancelling=True, audience=audience)
        interviews.sync_slot(locked)
    return locked
