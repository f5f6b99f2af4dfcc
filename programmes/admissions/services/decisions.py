"""Decisions: staged within the university's quota, released together through set_state, and places
that come free passed down the waiting list."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.permissions import may
from ftl_portal.confirmation import check_fingerprint
from ftl_portal.errors import PortalError
from programmes.admissions.models import Application, Decision, StagedDecision
from programmes.admissions.models import ApplicationState as S
from programmes.admissions.rules import declared_conflict
from programmes.admissions.selectors.decisions import places_taken
from programmes.admissions.selectors.releases import release_items
from programmes.admissions.services import applications
from programmes.cohorts.models import CohortPartner

# An application in one of these states holds one of its university's places.
OFFER_EXPIRED_REASON = "offer expired"


class DecisionRefused(PortalError):
    """A decision the quota, the state or the person's rights do not allow; the message is for them."""


def _locked_cohort_partner(*, cohort_id, partner_id):
    """The row every quota decision of one university in one cohort queues behind."""
    return (
        CohortPartner.objects.select_for_update()
        .select_related("partner")
        .filter(cohort_id=cohort_id, partner_id=partner_id)
        .first()
    )


def _check_decider(*, application, actor):
    if may(actor, "admissions.stage_decision", application):
        return
    if declared_conflict(actor, application):
        raise DecisionRefused(
            "You declared a conflict of interest with this application, so you take no part in its decision."
        )
    raise DecisionRefused("Only a coordinator or staff of the applicant's university decide on this application.")


def stage_decision(*, application, decision, actor):
    """Stage `decision` for `application` (replacing an earlier staged one). An offer is refused
    when the university's offered, confirmed and staged offers already fill its quota; the
    university's quota row is locked, so concurrent stagings queue behind each other."""
    if decision not in Decision.values:
        raise DecisionRefused("Choose offer, waiting list or do not offer.")
    _check_decider(application=application, actor=actor)
    with transaction.atomic():
        # Application first, then the quota row: the order set_state and fill_freed_place lock in.
        locked = Application.objects.select_for_update().get(pk=application.pk)
        cohort_partner = _locked_cohort_partner(cohort_id=application.cohort_id, partner_id=application.partner_id)
        if decision not in applications.allowed_moves(application=locked, user=actor):
            raise DecisionRefused(
                f"An application that is {locked.get_state_display().lower()} cannot be given this decision."
            )
        if decision == Decision.OFFER:
            quota = cohort_partner.quota if cohort_partner else 0
            taken = places_taken(cohort_id=locked.cohort_id, partner_id=locked.partner_id, excluding=locked.pk)
            if taken >= quota:
                raise DecisionRefused(
                    f"No place left: {locked.partner} has {quota} place{'s'[: quota != 1]} in this cohort and "
                    f"{taken} {'are' if taken != 1 else 'is'} offered, confirmed or staged as offers."
                )
        staged, _ = StagedDecision.objects.update_or_create(
            application=locked, defaults={"decision": decision, "staged_by": actor, "staged_at": timezone.now()}
        )
    return staged


def unstage_decision(*, application, actor):
    _check_decider(application=application, actor=actor)
    StagedDecision.objects.filter(application=application).delete()


def may_release(*, user, cohort_partner):
    return may(user, "admissions.release_decisions", cohort_partner)


def release_decisions(*, cohort_partner, actor, audience):
    """Release every staged decision of one university in one cohort, as confirmed: `audience` is
    the fingerprint the confirmation page showed (selectors.releases.release_audience). If what is
    staged has changed since, nothing is released (AudienceChanged). Each decision goes through
    set_state, which queues the student's email under a key of its own, so a second post of the
    same confirmation finds nothing staged, releases nothing and emails nobody twice. Returns
    (released, skipped) counts; a staged decision the application can no longer take (the
    student withdrew meanwhile) is dropped and counted as skipped."""
    if not may_release(user=actor, cohort_partner=cohort_partner):
        raise DecisionRefused("Only a coordinator releases decisions for this cohort.")
    released = skipped = 0
    with transaction.atomic():
        _locked_cohort_partner(cohort_id=cohort_partner.cohort_id, partner_id=cohort_partner.partner_id)
        staged = list(
            StagedDecision.objects.select_for_update()
            .filter(application__cohort_id=cohort_partner.cohort_id, application__partner_id=cohort_partner.partner_id)
            .select_related("application")
        )
        if not staged:
            return 0, 0
        check_fingerprint(audience, release_items(staged))
        for item in staged:
            try:
                applications.set_state(
                    application=item.application, to_state=item.decision, actor=actor, reason="Decision released"
                )
                released += 1
            except applications.TransitionRefused:
                skipped += 1
            item.delete()
    return released, skipped


def fill_freed_place(*, cohort_id, partner_id):
    """Offer the places the university has free to its waiting list, longest waiting first, on
    behalf of the portal itself. Called by set_state when an offered or confirmed place is given up."""
    offered = []
    with transaction.atomic():
        cohort_partner = _locked_cohort_partner(cohort_id=cohort_id, partner_id=partner_id)
        if cohort_partner is None:
            return offered
        free = cohort_partner.quota - places_taken(cohort_id=cohort_id, partner_id=partner_id)
        waiting = (
            Application.objects.filter(cohort_id=cohort_id, partner_id=partner_id, state=S.WAITLISTED)
            .filter(Q(staged_decision__isnull=True))
            .order_by("decided_at", "pk")
        )
        for application in waiting[: max(free, 0)]:
            offered.append(
                applications.set_state(
                    application=application, to_state=S.OFFERED, actor=None, reason="A place became free"
                )
            )
    return offered


def expire_offers(*, now=None):
    """Decline every offer whose response deadline has passed; set_state then offers each freed
    place to the waiting list. Returns the number expired."""
    now = now or timezone.now()
    due = Application.objects.filter(state=S.OFFERED, offer_expires_at__lt=now).values_list("pk", flat=True)
    expired = 0
    for pk in list(due):
        application = Application.objects.get(pk=pk)
        try:
            result = applications.set_state(
                application=application, to_state=S.DECLINED, actor=None, reason=OFFER_EXPIRED_REASON, at=now
            )
        except applications.TransitionRefused:
            continue  # the student confirmed or withdrew a moment ago
        expired += result.state == S.DECLINED
    return expired
