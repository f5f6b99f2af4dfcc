"""Who may do what with sessions and bookings: asked by views, services and templates."""

import rules
from django.db.models import Q

from accounts.rules import is_coordinator, is_student
from programmes.admissions.models import Application, ApplicationState
from programmes.events.models import SessionKind


@rules.predicate
def has_place_for(user, session):
    """A confirmed place on the session's cohort (at its audience university, if it names one)."""
    if session is None or session.kind == SessionKind.INTERVIEW:  # interviews are booked by invitation
        return False
    return (
        Application.objects.filter(student=user, cohort_id=session.cohort_id, state=ApplicationState.CONFIRMED)
        .filter(Q(partner_id=session.audience_partner_id) if session.audience_partner_id else Q())
        .exists()
    )


# Students keep their own schedule: book, cancel, give feedback, subscribe to their calendar.
rules.add_perm("events.book_sessions", is_student)
# One session: a student with a confirmed place in its audience.
rules.add_perm("events.book_session", is_student & has_place_for)
# Coordinators run the calendar: sessions, registers, check-in and feedback results.
rules.add_perm("events.manage_programme", is_coordinator)
# Applicants invited to interview book one slot (the invitation itself is checked by the service).
rules.add_perm("events.book_interviews", is_student)
