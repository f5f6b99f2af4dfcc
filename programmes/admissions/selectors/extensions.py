"""Deadline extensions, for coordinators only."""

from programmes.admissions.models import ApplicationExtension
from programmes.cohorts.selectors import coordinator_only, get_or_404


def extensions(*, user, cohort):
    coordinator_only(user)
    return ApplicationExtension.objects.filter(cohort=cohort).select_related("student", "granted_by")


def extension(*, user, cohort, pk):
    return get_or_404(extensions(user=user, cohort=cohort), pk=pk)
