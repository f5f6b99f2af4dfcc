"""Reviews: a reviewer scores an application against the cohort's rubric, or declares a conflict of
interest and stays out of it."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.permissions import may
from ftl_portal.errors import PortalError
from programmes.admissions.models import Review
from programmes.admissions.rubrics import rubric_of, weighted_score


class ReviewRefused(PortalError):
    """A review the reviewer may not make; the message is for the person."""


def _check_reviewer(*, application, reviewer):
    if not may(reviewer, "admissions.score_applications", application):
        raise ReviewRefused("Only staff of the applicant's university review this application.")
    if Review.objects.filter(application=application, reviewer=reviewer).exists():
        raise ReviewRefused("You have already reviewed this application or declared a conflict.")


def submit_review(*, application, reviewer, scores, comment="", recommendation="", applicant_feedback=""):
    """Record `reviewer`'s scores (criterion key → 1..5). One review per reviewer and application;
    a second submission is refused rather than overwriting the first. Feedback for the applicant is
    kept only where the cohort gives feedback."""
    rubric = rubric_of(application.cohort)
    if not rubric:
        raise ReviewRefused("This cohort has no rubric to score against yet.")
    missing = [c["label"] for c in rubric if c["key"] not in scores]
    if missing:
        raise ReviewRefused(f"Give a score for: {', '.join(missing)}.")
    clean = {c["key"]: int(scores[c["key"]]) for c in rubric}
    if any(not 1 <= s <= 5 for s in clean.values()):
        raise ReviewRefused("Each score is a whole number from 1 to 5.")
    return _create(
        application=application,
        reviewer=reviewer,
        scores=clean,
        weighted_score=weighted_score(rubric=rubric, scores=clean),
        comment=comment,
        recommendation=recommendation,
        applicant_feedback=applicant_feedback.strip() if application.cohort.gives_feedback else "",
    )


def declare_conflict(*, application, reviewer, reason=""):
    """The reviewer knows the applicant: they leave the application and never score it."""
    return _create(application=application, reviewer=reviewer, conflict_declared=True, conflict_reason=reason)


def _create(*, application, reviewer, **fields):
    _check_reviewer(application=application, reviewer=reviewer)
    try:
        with transaction.atomic():
            return Review.objects.create(
                application=application, reviewer=reviewer, submitted_at=timezone.now(), **fields
            )
    except IntegrityError as exc:  # a double submit that raced past the check above
        raise ReviewRefused("You have already reviewed this application or declared a conflict.") from exc
