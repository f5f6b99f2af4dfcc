"""Reads for decisions: which universities' quotas a person sees, and the places taken."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role
from programmes.admissions.models import Application, Decision
from programmes.admissions.models import ApplicationState as S
from programmes.cohorts.models import CohortPartner

# The states that hold one of the university's places.
PLACE_HOLDING_STATES = {S.OFFERED, S.CONFIRMED}


def cohort_partners_in_scope(*, user):
    cohort_partners = CohortPartner.objects.select_related("cohort", "partner").order_by("cohort__name", "partner")
    if user.role == Role.COORDINATOR:
        return cohort_partners
    if user.role == Role.STAFF:
        return cohort_partners.filter(partner_id=user.partner_id)
    raise Http404


def cohort_partner_for(*, user, pk):
    return get_object_or_404(cohort_partners_in_scope(user=user), pk=pk)


def places_taken(*, cohort_id, partner_id, excluding=None):
    """Offered + confirmed + staged offers: what counts against the quota (in one query)."""
    held = Q(state__in=PLACE_HOLDING_STATES)
    staged_offer = Q(staged_decision__decision=Decision.OFFER) & ~held
    if excluding is not None:
        staged_offer &= ~Q(pk=excluding)
    counts = Application.objects.filter(cohort_id=cohort_id, partner_id=partner_id).aggregate(
        held=Count("pk", filter=held), staged_offers=Count("pk", filter=staged_offer)
    )
    return counts["held"] + counts["staged_offers"]
