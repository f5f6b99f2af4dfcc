"""Reads for programme set-up (coordinators only) and the public pathway pages."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.permissions import require_or_404
from programmes.cohorts.models import Cohort, CohortPartner, CohortStatus, Partner, Pathway


def coordinator_only(user):
    require_or_404(user, "cohorts.set_up_programme")


def partners(*, user):
    coordinator_only(user)
    return Partner.objects.annotate(member_count=Count("members", distinct=True))


def partner(*, user, pk):
    coordinator_only(user)
    return get_object_or_404(Partner.objects.all(), pk=pk)


def cohorts(*, user):
    coordinator_only(user)
    # "draft" is admissions' ApplicationState.DRAFT, named here because cohorts sit below admissions.
    return Cohort.objects.annotate(
        application_count=Count("applications"),
        draft_count=Count("applications", filter=Q(applications__state="draft")),
    )


def cohort(*, user, pk):
    coordinator_only(user)
    return get_object_or_404(Cohort.objects.all(), pk=pk)


def cohort_quotas(*, cohort):
    return {cp.partner_id: cp.quota for cp in cohort.cohort_partners.all()}


def pathways():
    return Pathway.objects.all()


def pathway(*, slug):
    """A public pathway page. What happens on it (sessions, mentors) comes from the apps above,
    through their template tags."""
    return get_object_or_404(Pathway.objects.all(), slug=slug)


def pathway_for_editing(*, user, pk):
    coordinator_only(user)
    return get_object_or_404(Pathway.objects.all(), pk=pk)


PUBLIC_COHORT_STATUSES = [CohortStatus.OPEN, CohortStatus.RUNNING, CohortStatus.FINISHED]


def public_cohorts():
    return Cohort.objects.filter(status=CohortStatus.OPEN).prefetch_related(
        Prefetch("cohort_partners", queryset=CohortPartner.objects.select_related("partner"))
    )


def public_cohort(*, slug):
    cohorts = Cohort.objects.filter(status__in=PUBLIC_COHORT_STATUSES).prefetch_related(
        Prefetch("cohort_partners", queryset=CohortPartner.objects.select_related("partner"))
    )
    return get_object_or_404(cohorts, slug=slug)


def partner_with_mark(*, slug):
    """A partner's uploaded mark is public branding: anyone may load it."""
    return get_object_or_404(Partner.objects.exclude(mark=""), slug=slug)
