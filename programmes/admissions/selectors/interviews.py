"""Reads for the interview stage: whom to invite, who is invited, and the second stage's figures
beside the first's."""

import statistics

from django.db.models import Avg, Count, Exists, OuterRef
from django.http import Http404

from accounts.models import Role
from accounts.permissions import may, require_or_404
from programmes.admissions import read_cache
from programmes.admissions.models import (
    SHORTLISTED,
    Application,
    ApplicationState,
    ApplicationTag,
    InterviewInvitation,
    InterviewScore,
    InterviewStage,
)
from programmes.admissions.rubrics import criteria_of

# Applicants still waiting for a decision can be invited.
INVITABLE_STATES = (ApplicationState.SUBMITTED, ApplicationState.WAITLISTED)


def stage_of(*, cohort):
    """The cohort's interview stage or None, from the cache under the set-up version (every
    application's page asks; the stage's writes bump it)."""

    def compute():
        return InterviewStage.objects.filter(cohort=cohort).first()

    return read_cache.cached_many({"stage": (read_cache.CHOICES, f"interview-stage:{cohort.pk}", compute)})["stage"]


def to_invite(*, user, cohort):
    """The cohort's shortlisted applicants awaiting a decision and not yet invited, with their
    first stage's weighted mean (for the confirmation page)."""
    require_or_404(user, "admissions.manage_interviews")
    shortlisted = ApplicationTag.objects.filter(application=OuterRef("pk"), label=SHORTLISTED)
    invited = InterviewInvitation.objects.filter(application=OuterRef("pk"))
    return (
        Application.objects.filter(cohort=cohort, state__in=INVITABLE_STATES)
        .filter(Exists(shortlisted), ~Exists(invited))
        .select_related("student", "partner")
        .annotate(mean_score=Avg("reviews__weighted_score"))
        .order_by("partner__name", "student__full_name", "pk")
    )


def invitations(*, user, cohort):
    require_or_404(user, "admissions.manage_interviews")
    return (
        InterviewInvitation.objects.filter(application__cohort=cohort)
        .select_related("application__student", "application__partner")
        .annotate(score_count=Count("application__interview_scores"))
        .order_by("slot_starts_at", "application__student__full_name")
    )


def invitation_for_student(*, user, cohort_id):
    """The student's own invitation to interview for a cohort; a 404 for anyone not invited."""
    invitation = (
        InterviewInvitation.objects.filter(application__student=user, application__cohort_id=cohort_id)
        .select_related("application__cohort")
        .first()
    )
    if invitation is None or user.role != Role.STUDENT:
        raise Http404("You have not been invited to interview for this cohort.")
    return invitation


def interview_panel(*, application, user):
    """The second stage on an application's review page (one got from application_for_review):
    nothing for a cohort without interviews. Scores are shown to coordinators, and to an
    interviewer once they have scored, as with the first stage."""
    stage = stage_of(cohort=application.cohort)
    if stage is None:
        return None
    invitation = InterviewInvitation.objects.filter(application=application).first()
    scores = list(InterviewScore.objects.filter(application=application).select_related("interviewer"))
    mine = next((s for s in scores if s.interviewer_id == user.pk), None)
    sees_scores = user.role == Role.COORDINATOR or mine is not None
    values = [s.weighted_score for s in scores]
    return {
        "stage": stage,
        "rubric": criteria_of(stage.rubric),
        "invitation": invitation,
        "count": len(scores),
        "mean": round(statistics.fmean(values), 2) if values and sees_scores else None,
        "scores": scores if sees_scores else [],
        "my_score": mine,
        "may_score": invitation is not None and mine is None and may(user, "admissions.score_interviews", application),
    }


def interview_figures(*, application_ids):
    """{application id: (interview scores, their mean)} for the CSV export, in one query."""
    rows = (
        InterviewScore.objects.filter(application_id__in=application_ids)
        .values("application_id")
        .annotate(n=Count("id"), mean=Avg("weighted_score"))
        .order_by()
    )
    return {row["application_id"]: (row["n"], round(row["mean"], 2)) for row in rows}
