"""Reads of completion, scoped to the reader: a participant sees their own progress, assessments and
certificates; a coordinator any cohort's; the public only whether a certificate code is valid."""

from django.shortcuts import get_object_or_404

from accounts.permissions import may, require_or_404
from programmes.admissions.models import Application, ApplicationState
from programmes.cohorts.models import Cohort, Pathway

from .assessment import GENERAL_ITEMS, pathway_item
from .models import AssessmentStage, Certificate, SelfAssessment
from .progress import progress_of


def cohort_for(*, user, pk):
    require_or_404(user, "completion.manage_completion")
    return get_object_or_404(Cohort, pk=pk)


def cohort_progress(*, user, cohort, partner=None, status="", now=None):
    """The cohort's participants' progress, filtered by university and by status ("at_risk",
    "completed", "in_progress")."""
    require_or_404(user, "completion.manage_completion")
    rows = list(progress_of(cohort=cohort, now=now).values())
    if partner:
        rows = [r for r in rows if r.application.partner_id == partner.pk]
    keep = {
        "at_risk": lambda r: r.at_risk,
        "completed": lambda r: r.complete,
        "in_progress": lambda r: not r.complete,
    }.get(status)
    return [r for r in rows if keep(r)] if keep else rows


def participations_of(*, user):
    """The cohorts where `user` holds a confirmed place."""
    if not may(user, "completion.track_own_progress"):
        return Cohort.objects.none()
    confirmed = Application.objects.filter(student=user, state=ApplicationState.CONFIRMED)
    return Cohort.objects.filter(applications__in=confirmed).order_by("-programme_starts_on")


def participation_for(*, user, pk):
    return get_object_or_404(participations_of(user=user), pk=pk)


def own_progress(*, user, cohort, now=None):
    return progress_of(cohort=cohort, participant_ids=[user.pk], now=now).get(user.pk)


def assessment_items():
    return [pathway_item(p) for p in Pathway.objects.order_by("ordering", "name")] + list(GENERAL_ITEMS)


def own_assessments(*, user, cohort):
    """{stage: SelfAssessment} of the participant in the cohort."""
    return {a.stage: a for a in SelfAssessment.objects.filter(participant=user, cohort=cohort)}


def side_by_side(*, items, assessments):
    """Rows (item, start answer, end answer) for the before-and-after table."""
    start = assessments.get(AssessmentStage.START)
    end = assessments.get(AssessmentStage.END)
    return [
        (item, start.answers.get(item.key) if start else None, end.answers.get(item.key) if end else None)
        for item in items
    ]


def certificate_for(*, user, pk):
    """A coordinator may open any certificate; a participant only their own; anyone else gets 404."""
    certificates = Certificate.objects.select_related("participant", "cohort")
    if may(user, "completion.manage_completion"):
        return get_object_or_404(certificates, pk=pk)
    require_or_404(user, "completion.track_own_progress")
    return get_object_or_404(certificates, pk=pk, participant=user)


def certificate_by_code(*, code):
    """For the public verify page: the certificate with this code, or None."""
    return Certificate.objects.select_related("cohort").filter(code=code).first()
