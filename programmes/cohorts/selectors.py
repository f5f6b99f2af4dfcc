"""Reads for programme set-up (coordinators only) and the public pathway pages."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.permissions import may, require_or_404
from programmes.cohorts.models import (
    OFFER_KINDS,
    Cohort,
    CohortPartner,
    CohortStatus,
    LevelOfStudy,
    Partner,
    Pathway,
    QualificationLevel,
)


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


def _with_public_content(cohorts):
    return cohorts.prefetch_related(
        Prefetch("cohort_partners", queryset=CohortPartner.objects.select_related("partner")), "frequent_questions"
    )


def public_cohorts():
    return _with_public_content(Cohort.objects.filter(status=CohortStatus.OPEN))


def public_cohort(*, slug, user=None):
    """A cohort's public page: open, running and finished cohorts for everyone, and a draft as a
    preview for the coordinators who are writing it."""
    statuses = list(PUBLIC_COHORT_STATUSES)
    if user is not None and may(user, "cohorts.set_up_programme"):
        statuses.append(CohortStatus.DRAFT)
    return get_object_or_404(_with_public_content(Cohort.objects.filter(status__in=statuses)), slug=slug)


def featured_cohort():
    """The cohort the home page shows: the open one that closes soonest, else the latest running."""
    open_now = public_cohorts().filter(applications_close_at__gt=timezone.now()).order_by("applications_close_at")
    return open_now.first() or _with_public_content(Cohort.objects.filter(status=CohortStatus.RUNNING)).first()


def public_page(*, cohort):
    """What a cohort's public page says, all of it from data coordinators edit."""
    levels = [label for value, label in LevelOfStudy.choices if value in cohort.levels_allowed]
    offer = [(kind, title, cohort.offer.get(kind, "")) for kind, title in OFFER_KINDS if cohort.offer.get(kind)]
    timeline = [
        ("Apply", cohort.applications_open_at, cohort.applications_close_at),
        ("Decisions", None, cohort.decisions_by),
        ("Sessions and mentoring", cohort.programme_starts_on, cohort.programme_ends_on),
        ("Completion and certificate", None, cohort.programme_ends_on),
    ]
    pathways = [
        {"pathway": p, "htq_route": QualificationLevel.LEVEL_4_5 in p.qualification_levels}
        for p in Pathway.objects.all()
    ]
    return {
        "cohort": cohort,
        "levels": levels,
        "partners": [cp.partner for cp in cohort.cohort_partners.all()],
        "offer": offer,
        "timeline": [step for step in timeline if step[2]],
        "pathways": pathways,
        "questions": list(cohort.frequent_questions.all()),
    }


def partner_with_mark(*, slug):
    """A partner's uploaded mark is public branding: anyone may load it."""
    return get_object_or_404(Partner.objects.exclude(mark=""), slug=slug)
