"""Application state changes. `set_state` is the only way an application's state moves: it checks
the transition table and the actor's rights, records an audit event and queues the email."""

from django.db import transaction
from django.utils import timezone

from accounts.models import Role

from ..emails import queue_state_email
from ..models import Application, ApplicationEvent
from ..models import ApplicationState as S

STUDENT = "student"
REVIEWER = "reviewer"  # university staff of the application's partner, or a coordinator
SYSTEM = "system"  # the portal itself: expired offers, automatic offers from the waitlist

# from-state -> {to-state: who may make the move}
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED: {STUDENT}, S.WITHDRAWN: {STUDENT}},
    S.SUBMITTED: {
        S.OFFERED: {REVIEWER},
        S.WAITLISTED: {REVIEWER},
        S.REJECTED: {REVIEWER},
        S.WITHDRAWN: {STUDENT},
    },
    S.WAITLISTED: {S.OFFERED: {REVIEWER, SYSTEM}, S.REJECTED: {REVIEWER}, S.WITHDRAWN: {STUDENT}},
    S.OFFERED: {S.CONFIRMED: {STUDENT}, S.DECLINED: {STUDENT, SYSTEM}, S.WITHDRAWN: {STUDENT}},
    S.CONFIRMED: {S.WITHDRAWN: {STUDENT}},
    S.REJECTED: {},
    S.DECLINED: {},
    S.WITHDRAWN: {},
}

OPEN_STATES = {state for state, moves in TRANSITIONS.items() if moves}


class TransitionRefused(Exception):
    """A move the table or the actor's rights do not allow; the message is for the person."""


def actor_capacities(user, application=None):
    if user is None:
        return {SYSTEM}
    if user.role == Role.COORDINATOR:
        return {REVIEWER}
    if user.role == Role.STAFF and (application is None or user.partner_id == application.partner_id):
        return {REVIEWER}
    if user.role == Role.STUDENT and (application is None or user.pk == application.student_id):
        return {STUDENT}
    return set()


def allowed_moves(*, application, user):
    capacities = actor_capacities(user, application)
    return [to for to, who in TRANSITIONS[application.state].items() if who & capacities]


def set_state(*, application, to_state, actor, reason="", at=None):
    """Move `application` to `to_state` on behalf of `actor` (a User, or None for the portal).
    The row is locked, so two concurrent requests make one move; moving to the state it is
    already in is a no-op that returns the application unchanged."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state == to_state:
            return locked
        moves = TRANSITIONS[locked.state]
        if to_state not in moves:
            raise TransitionRefused(
                f"An application that is {locked.get_state_display().lower()} cannot become "
                f"{S(to_state).label.lower()}."
            )
        if not moves[to_state] & actor_capacities(actor, locked):
            raise TransitionRefused("You cannot make this change to this application.")
        from_state = locked.state
        locked.state = to_state
        fields = ["state", "updated_at"]
        if to_state == S.SUBMITTED:
            locked.submitted_at = at
            fields.append("submitted_at")
        if to_state in {S.OFFERED, S.WAITLISTED, S.REJECTED}:
            locked.decided_at = at
            fields.append("decided_at")
        if to_state == S.OFFERED:
            locked.offer_expires_at = at + timezone.timedelta(days=locked.cohort.offer_response_days)
            fields.append("offer_expires_at")
        locked.save(update_fields=fields)
        ApplicationEvent.objects.create(
            application=locked, actor=actor, from_state=from_state, to_state=to_state, reason=reason, created_at=at
        )
        queue_state_email(application=locked, state=to_state)
        if from_state in {S.OFFERED, S.CONFIRMED} and to_state in {S.DECLINED, S.WITHDRAWN}:
            from .decisions import fill_freed_place  # decisions builds on this module

            fill_freed_place(cohort_id=locked.cohort_id, partner_id=locked.partner_id)
    return locked
