"""Reads for sessions and bookings, each scoped to the person asking. A session outside a
student's audience, or a booking of someone else, is a 404."""

from datetime import timedelta

from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone

from accounts.permissions import may, require_or_404
from programmes.admissions.models import Application, ApplicationState, InterviewInvitation
from programmes.admissions.selectors import interviews as interview_selectors
from programmes.cohorts.models import Cohort
from programmes.events.models import (
    SEATED,
    Booking,
    BookingStatus,
    CalendarFeed,
    Session,
    SessionKind,
    SessionStatus,
)
from programmes.events.tokens import read_release_token


def _audience_q(user):
    """Sessions meant for `user`: their confirmed cohorts, for everyone or for their university."""
    places = Application.objects.filter(student=user, state=ApplicationState.CONFIRMED).values_list(
        "cohort_id", "partner_id"
    )
    audience = Q(pk__in=[])
    for cohort_id, partner_id in places:
        audience |= Q(cohort_id=cohort_id) & (Q(audience_partner__isnull=True) | Q(audience_partner_id=partner_id))
    # Interview slots are booked by invitation only (interview_slots_for_student), never from the schedule.
    return audience & ~Q(kind=SessionKind.INTERVIEW)


def may_book(*, user, session):
    return may(user, "events.book_session", session)


def _with_own_booking(queryset, user):
    return queryset.prefetch_related(
        Prefetch("bookings", queryset=Booking.objects.filter(participant=user), to_attr="own_bookings")
    )


def sessions_for_student(*, user):
    if not may(user, "events.book_sessions"):
        return Session.objects.none()
    queryset = Session.objects.filter(_audience_q(user)).select_related("cohort", "audience_partner")
    return _with_own_booking(queryset, user).prefetch_related("pathways")


def upcoming_for_student(*, user, now=None):
    now = now or timezone.now()
    return sessions_for_student(user=user).filter(ends_at__gt=now)


def session_for_student(*, user, pk):
    session = sessions_for_student(user=user).filter(pk=pk).first()
    if session is None:
        raise Http404("No such session.")
    return session


def own_booking(session):
    """The asking student's booking of a session fetched by sessions_for_student, or None."""
    return session.own_bookings[0] if session.own_bookings else None


def waitlist_position(booking):
    """1 for the person who gets the next free seat."""
    ahead = Booking.objects.filter(session_id=booking.session_id, status=BookingStatus.WAITLISTED).filter(
        Q(waitlisted_at__lt=booking.waitlisted_at) | Q(waitlisted_at=booking.waitlisted_at, pk__lt=booking.pk)
    )
    return ahead.count() + 1


def bookings_for_student(*, user):
    return (
        Booking.objects.filter(participant=user)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("session", "session__cohort")
        .order_by("session__starts_at", "id")
    )


def seated_booking_for(*, user, session_pk):
    booking = (
        bookings_for_student(user=user)
        .filter(session_id=session_pk, status__in=SEATED)
        .select_related("participant")
        .first()
    )
    if booking is None:
        raise Http404("You have no seat on this session.")
    return booking


def feedback_due_for_student(*, user, now=None):
    """Sessions the student attended, has ended and has not rated yet."""
    now = now or timezone.now()
    return (
        bookings_for_student(user=user)
        .filter(status=BookingStatus.ATTENDED, session__ends_at__lte=now)
        .exclude(session__feedback__participant=user)
    )


def feed_bookings(*, token):
    """What a calendar feed shows: the owner's seats (cancelled sessions stay, marked cancelled).
    An unknown or revoked token is a 404."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first() if token else None
    if feed is None:
        raise Http404("No such calendar.")
    bookings = (
        Booking.objects.filter(participant=feed.user, status__in=SEATED)
        .select_related("session", "participant")
        .order_by("session__starts_at")
    )
    return feed.user, bookings


def booking_for_release(*, token):
    """The seat a reminder's signed release link names, or None once it has changed or gone."""
    named = read_release_token(token)
    if named is None:
        return None
    return (
        Booking.objects.filter(pk=named[0], revision=named[1], status=BookingStatus.BOOKED)
        .select_related("session", "participant")
        .first()
    )


def feed_for(*, user):
    return CalendarFeed.objects.filter(user=user).first()


# Coordinators run every cohort, so they see every session.


def sessions_for_coordinator(*, user):
    if not may(user, "events.manage_programme"):
        return Session.objects.none()
    return Session.objects.select_related("cohort", "audience_partner").annotate(
        waitlisted=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITLISTED))
    )


def session_for_coordinator(*, user, pk):
    session = sessions_for_coordinator(user=user).prefetch_related("pathways").filter(pk=pk).first()
    if session is None:
        raise Http404("No such session.")
    return session


def sessions_between(*, user, start, end):
    return sessions_for_coordinator(user=user).filter(starts_at__gte=start, starts_at__lt=end)


def next_session_from(*, user, moment):
    """The first session starting at or after `moment`, for a calendar page with nothing on it."""
    return sessions_for_coordinator(user=user).filter(starts_at__gte=moment).order_by("starts_at", "id").first()


def register_for(*, user, session):
    """The register: seat holders first (by name), then the waitlist in its order."""
    require_or_404(user, "events.manage_programme")
    bookings = (
        Booking.objects.filter(session=session)
        .select_related("participant")
        .annotate(application_access_note=Exists(_application_access_notes(session)))
    )
    seated = bookings.filter(status__in=SEATED).order_by("participant__full_name", "participant__email")
    waiting = bookings.filter(status=BookingStatus.WAITLISTED).order_by("waitlisted_at", "id")
    return list(seated), list(waiting)


def _application_access_notes(session):
    """The booking participant's application to the session's cohort, if it records access needs."""
    return Application.objects.filter(student=OuterRef("participant"), cohort_id=session.cohort_id).exclude(
        access_needs=""
    )


def access_notes_for(*, user, session, pk):
    """A booking's access notes for coordinators (the organiser among them): the booking's own and
    the participant's application's. The register shows only that one exists."""
    booking = booking_on_register(user=user, session=session, pk=pk)
    application = Application.objects.filter(student=booking.participant, cohort_id=session.cohort_id).first()
    return booking, application.access_needs if application else ""


def booking_on_register(*, user, session, pk):
    require_or_404(user, "events.manage_programme")
    booking = Booking.objects.filter(session=session, pk=pk).select_related("participant").first()
    if booking is None:
        raise Http404("No such booking.")
    return booking


def feedback_for(*, user, session):
    require_or_404(user, "events.manage_programme")
    entries = session.feedback.select_related("participant")
    summary = entries.aggregate(average=Avg("rating"), count=Count("id"))
    spread = {n: 0 for n in range(1, 6)}
    for row in entries.values("rating").annotate(n=Count("id")):
        spread[row["rating"]] = row["n"]
    return summary, spread, list(entries)


def coordinator_overview(*, user, now=None):
    now = now or timezone.now()
    upcoming = sessions_for_coordinator(user=user).filter(starts_at__gte=now, starts_at__lt=now + timedelta(days=14))
    return upcoming.order_by("starts_at")[:8]


def _upcoming(now=None):
    return Session.objects.filter(status=SessionStatus.SCHEDULED, ends_at__gt=now or timezone.now())


def upcoming_on_pathway(*, pathway, now=None):
    """Public: the scheduled sessions still to come on a pathway (venues and links belong to booked
    participants, so the page shows what and when only)."""
    return (
        _upcoming(now).filter(pathways=pathway).select_related("cohort", "audience_partner").order_by("starts_at", "id")
    )


def upcoming_counts_by_pathway(*, now=None):
    """Public: {pathway id: scheduled sessions still to come on it}, in one query."""
    rows = _upcoming(now).values("pathways").annotate(count=Count("id")).filter(pathways__isnull=False)
    return {row["pathways"]: row["count"] for row in rows}


def cohorts_with_sessions(*, user):
    require_or_404(user, "events.manage_programme")
    return Cohort.objects.filter(sessions__isnull=False).distinct().order_by("-programme_starts_on", "-id")


def _rate(attended, seated):
    return round(100 * attended / seated) if seated else None


def attendance_report(*, user, cohort, now=None):
    """Attendance of a cohort's past sessions (ended, not cancelled): attended / seated bookings,
    per session, per university and per participant. Four queries whatever the numbers."""
    require_or_404(user, "events.manage_programme")
    now = now or timezone.now()
    # Interview slots were selection, not the programme's attendance.
    past = Q(session__cohort=cohort, session__status=SessionStatus.SCHEDULED, session__ends_at__lte=now) & ~Q(
        session__kind=SessionKind.INTERVIEW
    )
    seated = Count("id", filter=Q(status__in=SEATED))
    attended = Count("id", filter=Q(status=BookingStatus.ATTENDED))
    sessions = list(
        Session.objects.filter(cohort=cohort, status=SessionStatus.SCHEDULED, ends_at__lte=now)
        .exclude(kind=SessionKind.INTERVIEW)
        .annotate(
            seated=Count("bookings", filter=Q(bookings__status__in=SEATED)),
            attended=Count("bookings", filter=Q(bookings__status=BookingStatus.ATTENDED)),
        )
        .order_by("starts_at", "id")
    )
    people = list(
        Booking.objects.filter(past, status__in=SEATED)
        .values("participant_id", "participant__full_name", "participant__email")
        .annotate(seated=seated, attended=attended)
        .order_by("participant__full_name", "participant__email")
    )
    universities = dict(
        Application.objects.filter(cohort=cohort, student_id__in=[p["participant_id"] for p in people])
        .exclude(state=ApplicationState.DRAFT)
        .values_list("student_id", "partner__name")
    )
    by_university = {}
    for person in people:
        person["university"] = universities.get(person["participant_id"], "—")
        person["rate"] = _rate(person["attended"], person["seated"])
        totals = by_university.setdefault(
            person["university"], {"name": person["university"], "seated": 0, "attended": 0}
        )
        totals["seated"] += person["seated"]
        totals["attended"] += person["attended"]
    for session in sessions:
        session.rate = _rate(session.attended, session.seated)
    for totals in by_university.values():
        totals["rate"] = _rate(totals["attended"], totals["seated"])
    overall = {"seated": sum(s.seated for s in sessions), "attended": sum(s.attended for s in sessions)}
    overall["rate"] = _rate(overall["attended"], overall["seated"])
    return {
        "sessions": sessions,
        "universities": sorted(by_university.values(), key=lambda u: u["name"]),
        "participants": people,
        "overall": overall,
    }


# Interview slots (services.interviews): offered to invited applicants only.


def interview_slots_for_student(*, user, cohort_id, now=None):
    """An invited applicant's interview page: their invitation, the slot they hold (if any) and the
    free slots still to come. Anyone not invited to the cohort's interviews gets a 404."""
    invitation = interview_selectors.invitation_for_student(user=user, cohort_id=cohort_id)
    now = now or timezone.now()
    slots = Session.objects.filter(cohort_id=cohort_id, kind=SessionKind.INTERVIEW, status=SessionStatus.SCHEDULED)
    held = (
        Booking.objects.filter(participant=user, session__in=slots, status=BookingStatus.BOOKED)
        .select_related("session", "participant")
        .first()
    )
    free = free_interview_slots(cohort_id=cohort_id, now=now)
    return {"invitation": invitation, "cohort": invitation.application.cohort, "held": held, "free": list(free)}


def free_interview_slots(*, cohort_id, now=None):
    """The cohort's interview slots still to come with their seat free, soonest first."""
    return Session.objects.filter(
        cohort_id=cohort_id,
        kind=SessionKind.INTERVIEW,
        status=SessionStatus.SCHEDULED,
        starts_at__gt=now or timezone.now(),
        seats_taken__lt=F("capacity"),
    ).order_by("starts_at", "id")


def interview_slot_for_student(*, user, cohort_id, pk):
    interview_selectors.invitation_for_student(user=user, cohort_id=cohort_id)
    slot = Session.objects.filter(cohort_id=cohort_id, kind=SessionKind.INTERVIEW, pk=pk).first()
    if slot is None:
        raise Http404("No such interview slot.")
    return slot


def interview_slots_for_coordinator(*, user, cohort):
    """Every interview slot of a cohort with whoever holds it, in two queries."""
    require_or_404(user, "admissions.manage_interviews")
    seated = Booking.objects.filter(status__in=SEATED).select_related("participant")
    return list(
        Session.objects.filter(cohort=cohort, kind=SessionKind.INTERVIEW)
        .prefetch_related(Prefetch("bookings", queryset=seated, to_attr="seated"))
        .order_by("starts_at", "id")
    )


def schedule_examples(*, cohort):
    """Public: for each kind of session, the first scheduled one of the cohort (what and when only),
    as an example of what a participant gets. One query, one row per kind however long the schedule."""
    scheduled = Session.objects.filter(cohort=cohort, status=SessionStatus.SCHEDULED)
    first_of_its_kind = scheduled.filter(kind=OuterRef("kind")).order_by("starts_at", "id").values("pk")[:1]
    sessions = scheduled.filter(pk=Subquery(first_of_its_kind)).only("id", "kind", "title", "starts_at", "ends_at")
    return {session.kind: session for session in sessions}


def waiting_for_a_slot(*, user, cohort):
    """The cohort's invited applicants, still awaiting a decision, who hold no slot."""
    require_or_404(user, "admissions.manage_interviews")
    return (
        InterviewInvitation.objects.filter(
            application__cohort=cohort,
            application__state__in=interview_selectors.INVITABLE_STATES,
            slot_starts_at__isnull=True,
        )
        .select_related("application__student", "application__partner", "application__cohort")
        .order_by("application__student__full_name", "pk")
    )
