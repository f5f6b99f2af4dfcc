"""A published match's life: decline, end, meetings, feedback surveys and end-of-mentoring reviews."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Role, User
from accounts.permissions import may
from ftl_portal.errors import PortalError

from .. import emails
from ..models import Match, MatchFeedback, MatchState, Meeting, PairRule, RuleKind, SurveyStage

SURVEY_AFTER = timedelta(days=30)


class MatchRefused(PortalError):
    """A change the match's state or the person's part in it does not allow; the message is for them."""


def _locked_active(match, user, *, coordinator_may=False):
    locked = Match.objects.select_for_update().select_related("student", "mentor", "cohort").get(pk=match.pk)
    if not may(user, "mentoring.end_match" if coordinator_may else "mentoring.take_part_in_match", locked):
        raise MatchRefused("You are not part of this match.")
    if locked.state != MatchState.ACTIVE:
        raise MatchRefused(f"This match is already {locked.get_state_display().lower()}.")
    return locked


def decline_match(*, match, user, reason):
    """Either side declines: the pair becomes a forbid for the cohort and the coordinators are told."""
    if not reason.strip():
        raise MatchRefused("Please tell the coordinator why, so they can find a better match.")
    with transaction.atomic():
        locked = _locked_active(match, user)
        locked.state, locked.closed_at, locked.closed_by = MatchState.DECLINED, timezone.now(), user
        locked.close_reason = reason.strip()
        locked.save(update_fields=["state", "closed_at", "closed_by", "close_reason"])
        PairRule.objects.update_or_create(
            cohort=locked.cohort,
            student=locked.student,
            mentor=locked.mentor,
            defaults={
                "kind": RuleKind.FORBID,
                "reason": f"Declined by {user}: {reason.strip()}"[:300],
                "created_by": user,
            },
        )
        for coordinator in User.objects.filter(role=Role.COORDINATOR, is_active=True):
            emails.queue_decline_notice(match=locked, coordinator=coordinator)
    return locked


def end_match(*, match, user, reason=""):
    with transaction.atomic():
        locked = _locked_active(match, user, coordinator_may=True)
        locked.state, locked.closed_at, locked.closed_by = MatchState.ENDED, timezone.now(), user
        locked.close_reason = reason.strip()
        locked.save(update_fields=["state", "closed_at", "closed_by", "close_reason"])
    return locked


def log_meeting(*, match, user, met_on, topic, duration_minutes, notes=""):
    if not may(user, "mentoring.take_part_in_match", match):
        raise MatchRefused("Only the mentee and mentor log their meetings.")
    if met_on > timezone.localdate():
        raise MatchRefused("A meeting can be logged once it has happened; the date is in the future.")
    if not 5 <= duration_minutes <= 600:
        raise MatchRefused("A meeting lasts between 5 and 600 minutes; please check its length.")
    return Meeting.objects.create(
        match=match, met_on=met_on, topic=topic, duration_minutes=duration_minutes, notes=notes, logged_by=user
    )


def _due_stages(match, now):
    if match.state == MatchState.ACTIVE and match.created_at <= now - SURVEY_AFTER:
        yield SurveyStage.DAY_30
    if match.state == MatchState.ENDED or match.cohort.programme_ends_on <= timezone.localdate(now):
        yield SurveyStage.END


def _end_review_asked(side):
    return Exists(MatchFeedback.objects.filter(match=OuterRef("pk"), respondent=OuterRef(side), stage=SurveyStage.END))


def invite_due_surveys(*, now=None):
    """The beat scan: every active match past 30 days gets its survey, and every match at its end (ended,
    or at the programme's end) its end-of-mentoring review, once per side and stage (the row and the
    email key make a re-run a no-op)."""
    now = now or timezone.now()
    invited = 0
    active_due = Q(created_at__lte=now - SURVEY_AFTER) | Q(cohort__programme_ends_on__lte=timezone.localdate(now))
    # An ended match is reviewed if the pair met at all (a run replacing an unstarted pair asks nothing),
    # and drops out of the scan once both sides have been asked.
    ended_due = (
        Q(state=MatchState.ENDED)
        & Q(Exists(Meeting.objects.filter(match=OuterRef("pk"))))
        & ~(Q(_end_review_asked("student")) & Q(_end_review_asked("mentor")))
    )
    matches = Match.objects.filter((Q(state=MatchState.ACTIVE) & active_due) | ended_due).select_related(
        "cohort", "student", "mentor"
    )
    for match in matches:
        for stage in _due_stages(match, now):
            for person in (match.student, match.mentor):
                feedback, created = MatchFeedback.objects.get_or_create(match=match, respondent=person, stage=stage)
                if created:
                    emails.queue_survey(feedback=feedback)
                    invited += 1
    return invited


def submit_feedback(*, feedback, user, rating, comment=""):
    if feedback.respondent_id != user.pk:
        raise MatchRefused("This survey is for someone else.")
    if feedback.submitted_at:
        raise MatchRefused("You have already answered this survey. Thank you.")
    feedback.rating, feedback.comment, feedback.submitted_at = rating, comment, timezone.now()
    feedback.save(update_fields=["rating", "comment", "submitted_at"])
    return feedback
