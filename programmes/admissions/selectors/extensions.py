"""Deadline extensions, for coordinators only."""

from django.shortcuts import get_object_or_404

from programmes.admissions.models import ApplicationExtension
from programmes.cohorts.selectors import coordinator_only


def extensions(*, user, cohort):
    coordinator_only(user)
    return ApplicationExtension.objects.filter(cohort=cohort).select_related("student", "granted_by")


def extension(*, user, cohort, pk):
    return get_object_or_404(extensions(user=user, cohort=cohort), pk=pk)
