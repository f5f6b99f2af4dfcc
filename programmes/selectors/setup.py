"""Reads for programme set-up (coordinators only) and the public pathway pages."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from accounts.models import Role

from ..models import ApplicationExtension, Cohort, InterestArea, Partner, Session, SessionStatus


def _coordinator_only(user):
    if user.role != Role.COORDINATOR:
        raise Http404


def _get(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def partners(*, user):
    _coordinator_only(user)
    return Partner.objects.annotate(member_count=Count("members", distinct=True))


def partner(*, user, pk):
    _coordinator_only(user)
    return _get(Partner.objects.all(), pk=pk)


def cohorts(*, user):
    _coordinator_only(user)
    return Cohort.objects.annotate(application_count=Count("applications"))


def cohort(*, user, pk):
    _coordinator_only(user)
    return _get(Cohort.objects.all(), pk=pk)


def cohort_quotas(*, cohort):
    return {cp.partner_id: cp.quota for cp in cohort.cohort_partners.all()}


def extensions(*, user, cohort):
    _coordinator_only(user)
    return ApplicationExtension.objects.filter(cohort=cohort).select_related("student", "granted_by")


def extension(*, user, cohort, pk):
    return _get(extensions(user=user, cohort=cohort), pk=pk)


def pathways():
    return InterestArea.objects.all()


def public_pathways(*, now=None):
    """The public pathway list, each with how many scheduled sessions on it are still to come."""
    upcoming = Q(sessions__status=SessionStatus.SCHEDULED, sessions__ends_at__gt=now or timezone.now())
    # An aggregating query drops Meta.ordering, so the order is spelled out.
    return InterestArea.objects.annotate(upcoming_session_count=Count("sessions", filter=upcoming)).order_by(
        *InterestArea._meta.ordering
    )


def pathway(*, slug, now=None):
    """A public pathway page, with its scheduled sessions still to come as `upcoming_sessions`
    (what and when only: venues and links belong to booked participants)."""
    upcoming = (
        Session.objects.filter(status=SessionStatus.SCHEDULED, ends_at__gt=now or timezone.now())
        .select_related("cohort", "audience_partner")
        .order_by("starts_at", "id")
    )
    queryset = InterestArea.objects.prefetch_related(
        Prefetch("sessions", queryset=upcoming, to_attr="upcoming_sessions")
    )
    return _get(queryset, slug=slug)


def pathway_for_editing(*, user, pk):
    _coordinator_only(user)
    return _get(InterestArea.objects.all(), pk=pk)
