"""Reads for impact: which cohorts and universities a reader may see (staff: their own university,
another's is a 404), the consent panel on a participant's dashboard, and a survey named by a link."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role
from accounts.permissions import require_or_404
from programmes.cohorts.models import Cohort, Partner
from programmes.completion.models import Certificate
from programmes.impact.models import FollowUpConsent, FollowUpSurvey
from programmes.impact.tokens import read_follow_up_token


def cohorts_for_report(*, user):
    require_or_404(user, "impact.read_report")
    cohorts = Cohort.objects.order_by("-programme_starts_on", "name")
    if user.role == Role.STAFF:
        cohorts = cohorts.filter(cohort_partners__partner_id=user.partner_id)
    return cohorts


def report_scope(*, user, cohort_slug, partner_slug=""):
    """The cohort, the university (None: all of them) and the universities the reader may choose."""
    cohort = get_object_or_404(cohorts_for_report(user=user), slug=cohort_slug)
    partners = Partner.objects.filter(cohort_partners__cohort=cohort).order_by("name")
    if user.role == Role.STAFF:
        partners = partners.filter(pk=user.partner_id)
        partner_slug = partner_slug or user.partner.slug
    partners = list(partners)
    partner = None
    if partner_slug:
        partner = next((p for p in partners if p.slug == partner_slug), None)
        if partner is None:
            raise Http404
    return cohort, partner, partners


def consent_panel(*, user):
    """The participant's certificates with their follow-up consent (None: not asked yet)."""
    certificates = list(
        Certificate.objects.filter(participant=user, revoked_at__isnull=True).select_related("cohort").order_by("id")
    )
    consents = {c.cohort_id: c for c in FollowUpConsent.objects.filter(participant=user)}
    return [(certificate, consents.get(certificate.cohort_id)) for certificate in certificates]


def survey_for_token(token):
    survey_id = read_follow_up_token(token)
    if survey_id is None:
        raise Http404
    return get_object_or_404(FollowUpSurvey.objects.select_related("cohort", "participant"), pk=survey_id)


def certified_cohort(*, user, pk):
    """A cohort the participant holds a valid certificate of; any other is a 404."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("cohort"), participant=user, cohort_id=pk, revoked_at__isnull=True
    )
    return certificate.cohort
