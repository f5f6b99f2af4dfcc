"""Writes of equality answers: a student saves, changes or withdraws their own response."""

from ftl_portal.errors import PortalError
from programmes.admissions.models import Application
from programmes.equality.models import Disability, EqualityResponse


class NotYetApplied(PortalError):
    pass


def save_response(*, student, cohort, answers):
    """Create or replace the student's one response for the cohort (the unique constraint and
    update_or_create's row lock keep a double submit to one row)."""
    if not Application.objects.filter(student=student, cohort=cohort, submitted_at__isnull=False).exists():
        raise NotYetApplied("The equality questionnaire opens once you have submitted your application.")
    answers = dict(answers)
    if answers.get("disability") != Disability.DECLARED:
        answers["disability_type"] = ""
    response, _ = EqualityResponse.objects.update_or_create(student=student, cohort=cohort, defaults=answers)
    return response


def withdraw_response(*, student, cohort):
    """Delete the student's response: it no longer counts in any report."""
    EqualityResponse.objects.filter(student=student, cohort=cohort).delete()
