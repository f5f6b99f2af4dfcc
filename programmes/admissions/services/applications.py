"""Application state changes. `set_state` is the only way an application's state moves: it checks
the transition table and the actor's rights, records an audit event and queues the email."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from accounts.permissions import may
from ftl_portal.errors import PortalError
from programmes.admissions.emails import queue_state_email
from programmes.admissions.models import Application, ApplicationEvent, ApplicationExtension
from programmes.admissions.models import ApplicationState as S
from programmes.admissions.sections import incomplete_sections
from programmes.cohorts.models import CohortStatus

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


class TransitionRefused(PortalError):
    """A move the table or the actor's rights do not allow; the message is for the person."""


def actor_capacities(user, application=None):
    if user is None:
        return {SYSTEM}
    # A reviewer decides; the student moves their own application (programmes/admissions/rules.py).
    if may(user, "admissions.stage_decision", application):
        return {REVIEWER}
    if may(user, "admissions.apply", application):
        return {STUDENT}
    return set()


def allowed_moves(*, application, user):
    capacities = actor_capacities(user, application)
    return [to for to, who in TRANSITIONS[application.state].items() if who & capacities]


def show_time(moment):
    return format_date(timezone.localtime(moment), "j F Y, H:i T")


def submission_deadline(*, cohort, student):
    """The cohort's close, or later if a coordinator granted this student an extension."""
    extension = ApplicationExtension.objects.filter(cohort=cohort, student=student).first()
    if extension and extension.until > cohort.applications_close_at:
        return extension.until
    return cohort.applications_close_at


def submission_refusal(*, cohort, student, at=None):
    """Why this student cannot apply to or submit for this cohort now, or "" if they can."""
    at = at or timezone.now()
    if cohort.status == CohortStatus.DRAFT or at < cohort.applications_open_at:
        return f"{cohort.name} is not open for applications yet."
    if cohort.status == CohortStatus.FINISHED:
        return f"{cohort.name} has finished and takes no more applications."
    # A running cohort still honours an extension granted before it started.
    deadline = submission_deadline(cohort=cohort, student=student)
    if at >= deadline:
        return (
            f"Applications to {cohort.name} closed on {show_time(deadline)}. If something stopped you applying "
            f"in time, ask the FTL coordinators about an extension at {settings.FTL_CONTACT_EMAIL}."
        )
    return ""


def _rule_refusal(application, to_state, at):
    """Rules beyond the table that depend on dates and answers."""
    if to_state == S.SUBMITTED:
        refusal = submission_refusal(cohort=application.cohort, student=application.student, at=at)
        if refusal:
            return refusal
        missing = incomplete_sections(application)
        if missing:
            return "Complete these sections before you submit: " + ", ".join(s.title for s in missing) + "."
    if to_state == S.CONFIRMED and application.offer_expires_at and at >= application.offer_expires_at:
        return f"This offer expired on {show_time(application.offer_expires_at)}."
    return ""


def set_state(*, application, to_state, actor, reason="", at=None):
    """Move `application` to `to_state` on behalf of `actor` (a User, or None for the portal).
    The row is locked, so two concurrent requests make one move; moving to the state it is
    already in is a no-op that returns the application unchanged."""
    at = at or timezone.now()
    if to_state not in S.values:
        raise TransitionRefused("There is no such application state.")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        capacities = actor_capacities(actor, locked)
        if not capacities:
            # Checked before the same-state shortcut: someone with no say over the application
            # must not learn its state from a silent success.
            raise TransitionRefused("You cannot make this change to this application.")
        if locked.state == to_state:
            return locked
        moves = TRANSITIONS[locked.state]
        if to_state not in moves:
            raise TransitionRefused(
                f"An application that is {locked.get_state_display().lower()} cannot become "
                f"{S(to_state).label.lower()}."
            )
        if not moves[to_state] & capacities:
            raise TransitionRefused("You cannot make this change to this application.")
        refusal = _rule_refusal(locked, to_state, at)
        if refusal:
            raise TransitionRefused(refusal)
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
            from programmes.admissions.services.decisions import fill_freed_place

            fill_freed_place(cohort_id=locked.cohort_id, partner_id=locked.partner_id)
    return locked
