"""Deadline extensions: a coordinator lets one student submit after the cohort's close."""

from programmes.admissions.models import ApplicationExtension


def grant_extension(*, cohort, student, until, reason="", granted_by):
    extension, _ = ApplicationExtension.objects.update_or_create(
        cohort=cohort, student=student, defaults={"until": until, "reason": reason, "granted_by": granted_by}
    )
    return extension


def revoke_extension(*, extension):
    extension.delete()
