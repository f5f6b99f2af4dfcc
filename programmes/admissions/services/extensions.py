"""Deadline extensions: a coordinator lets one student submit after the cohort's close."""

from ftl_portal.errors import PortalError
from programmes.admissions.models import Application, ApplicationExtension
from programmes.admissions.models import ApplicationState as S


class ExtensionRefused(PortalError):
    """An extension that would change nothing; the message says why."""


def grant_extension(*, cohort, student, until, reason="", granted_by):
    """Refused for a student whose application is already past the draft: more time to submit
    would mean nothing to them, and seeing one would only confuse their reviewers."""
    submitted = Application.objects.filter(cohort=cohort, student=student, submitted_at__isnull=False)
    application = submitted.exclude(state=S.DRAFT).first()
    if application is not None:
        raise ExtensionRefused(
            f"{student.email} has already submitted their application (now {application.get_state_display().lower()}), "
            "so an extension would change nothing. No extension was granted."
        )
    extension, _ = ApplicationExtension.objects.update_or_create(
        cohort=cohort, student=student, defaults={"until": until, "reason": reason, "granted_by": granted_by}
    )
    return extension


def revoke_extension(*, extension):
    extension.delete()
