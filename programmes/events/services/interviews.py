"""Interview slots: one-seat sessions of kind "interview" that only applicants invited to interview
(admissions' InterviewInvitation) can book, one each. They reuse the sessions' seats, calendar
invites and reminder scan.

No double booking under concurrency: a booking holds the applicant's invitation row locked (one
applicant's two clicks queue behind each other) and then the slot's row (two applicants after one
slot queue behind each other; the second finds it taken), with the seat constraint as a backstop."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.permissions import may
from programmes.admissions.models import InterviewInvitation, InterviewStage
from programmes.admissions.services import interviews as admissions_interviews
from programmes.events import emails as session_emails
from programmes.events.models import Booking, BookingStatus, Session, SessionFormat, SessionKind, SessionStatus
from programmes.events.services.bookings import BookingRefused, _take_seat, cancel_booking, lock_session

MAX_SLOTS_AT_ONCE = 40


def create_slots(*, cohort, actor, starts_at, count, minutes, format, venue="", address="", join_url=""):
    """`count` back-to-back one-seat slots of `minutes` each from `starts_at`."""
    if not may(actor, "admissions.manage_interviews"):
        raise BookingRefused("Only coordinators publish interview slots.")
    if not InterviewStage.objects.filter(cohort=cohort).exists():
        raise BookingRefused("Set up this cohort's interviews before adding slots.")
    if not 1 <= count <= MAX_SLOTS_AT_ONCE:
        raise BookingRefused(f"Add from 1 to {MAX_SLOTS_AT_ONCE} slots at a time.")
    if not 10 <= minutes <= 180:
        raise BookingRefused("A slot lasts from 10 to 180 minutes.")
    if starts_at <= timezone.now():
        raise BookingRefused("Slots must start in the future.")
    if format == SessionFormat.ONLINE and not join_url:
        raise BookingRefused("Online slots need the link the applicant joins by.")
    if format == SessionFormat.IN_PERSON and not venue:
        raise BookingRefused("In-person slots need a venue.")
    length = timedelta(minutes=minutes)
    with transaction.atomic():
        return [
            Session.objects.create(
                cohort=cohort,
                kind=SessionKind.INTERVIEW,
                title=f"Interview for {cohort.name}",
                description="A one-to-one interview with the programme's team.",
                starts_at=starts_at + n * length,
                ends_at=starts_at + (n + 1) * length,
                format=format,
                venue=venue,
                address=address,
                join_url=join_url,
                capacity=1,
                created_by=actor,
            )
            for n in range(count)
        ]


def book_interview(*, session, student, at=None):
    """Give an invited applicant this slot. An applicant holds one slot at a time (they cancel to
    change), and a slot one person, so a taken slot is refused rather than waitlisted."""
    at = at or timezone.now()
    with transaction.atomic():
        invitation = (
            InterviewInvitation.objects.select_for_update(of=("self",))
            .filter(application__student=student, application__cohort_id=session.cohort_id)
            .first()
        )
        if invitation is None or not may(student, "events.book_interviews"):
            raise BookingRefused("Only applicants invited to interview can book these slots.")
        held = Booking.objects.filter(
            participant=student,
            session__cohort_id=session.cohort_id,
            session__kind=SessionKind.INTERVIEW,
            session__status=SessionStatus.SCHEDULED,
            status=BookingStatus.BOOKED,
        ).first()
        if held is not None:
            if held.session_id == session.pk:
                return held
            raise BookingRefused("You already have an interview slot. Cancel it first to choose another.")
        locked = lock_session(session.pk)
        if locked.kind != SessionKind.INTERVIEW or locked.is_cancelled:
            raise BookingRefused("This interview slot is no longer offered.")
        if locked.starts_at <= at:
            raise BookingRefused("This slot has already started; choose a later one.")
        if locked.seats_taken >= locked.capacity:
            raise BookingRefused("Someone has just booked this slot. Please choose another.")
        booking = Booking.objects.filter(session=locked, participant=student).first()
        if booking is None:
            booking = Booking(session=locked, participant=student, created_at=at)
        else:
            booking.revision += 1
        booking.session = locked
        booking.status, booking.seated_at, booking.waitlisted_at = BookingStatus.BOOKED, at, None
        booking.last_reminder_offset = None
        _take_seat(locked)
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError as exc:
            raise BookingRefused("Someone has just booked this slot. Please choose another.") from exc
        admissions_interviews.record_slot(student=student, cohort_id=locked.cohort_id, starts_at=locked.starts_at)
        session_emails.queue_booking_email(booking)
    return booking


def sync_slot(session):
    """After a coordinator moves or cancels an interview slot, the invitation shows what its holder
    now has (the new time, or no slot)."""
    if session.kind != SessionKind.INTERVIEW:
        return
    starts_at = None if session.is_cancelled else session.starts_at
    for booking in Booking.objects.filter(session=session, status=BookingStatus.BOOKED).select_related("participant"):
        admissions_interviews.record_slot(student=booking.participant, cohort_id=session.cohort_id, starts_at=starts_at)


def cancel_interview(*, booking, at=None):
    """Give the slot back (the applicant stays invited and may choose another)."""
    if booking.session.kind != SessionKind.INTERVIEW:
        raise BookingRefused("This is not an interview slot.")
    return cancel_booking(booking=booking, at=at)
