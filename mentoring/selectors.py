"""Reads, always scoped to the person asking: outside their scope is a 404."""

from django.db.models import Avg, Count, Max, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Role, User
from programmes.admissions.models import ApplicationState
from programmes.cohorts.models import Cohort, CohortStatus

from .models import (
    QUIET_AFTER,
    Match,
    MatchFeedback,
    MatchRun,
    MatchState,
    Meeting,
    MentoringPreference,
    MentorProfile,
    PairRule,
)


def mentor_profile_for(*, user):
    return MentorProfile.objects.filter(user=user).prefetch_related("pathways").first()


SEARCH_MIN_LENGTH, SEARCH_LIMIT = 2, 20


def exclusion_pool(*, mentor):
    """The people a mentor may exclude: the confirmed participants of the cohorts where they have a
    match, or, before their first match, of the cohorts open or running."""
    cohorts = Cohort.objects.filter(matches__mentor=mentor)
    if not cohorts.exists():
        cohorts = Cohort.objects.filter(status__in=[CohortStatus.OPEN, CohortStatus.RUNNING])
    confirmed = Q(applications__cohort__in=cohorts.values("pk"), applications__state=ApplicationState.CONFIRMED)
    return User.objects.filter(confirmed, role=Role.STUDENT).distinct()


def excluded_people_of(*, profile):
    """The people a mentor has chosen not to be matched with (nobody before their profile exists)."""
    return list(profile.excluded_people.order_by("full_name", "pk")) if profile else []


def exclusion_search(*, mentor, profile, q):
    """At most SEARCH_LIMIT of the pool whose name holds q, leaving out those already excluded;
    nothing for fewer than SEARCH_MIN_LENGTH characters, so the search never lists everyone."""
    q = q.strip()
    if len(q) < SEARCH_MIN_LENGTH:
        return []
    found = exclusion_pool(mentor=mentor).filter(full_name__icontains=q)
    if profile is not None:
        found = found.exclude(pk__in=profile.excluded_people.values("pk"))
    return list(found.order_by("full_name", "pk")[:SEARCH_LIMIT])


def preference_for(*, user):
    return MentoringPreference.objects.filter(student=user).first()


def cohorts_for(*, user):
    if not user.is_coordinator:
        raise Http404
    return Cohort.objects.annotate(
        active_matches=Count("matches", filter=Q(matches__state=MatchState.ACTIVE)), runs=Count("match_runs")
    )


def cohort_for(*, user, slug):
    if not user.is_coordinator:
        raise Http404
    return get_object_or_404(Cohort, slug=slug)


def _minutes_of_match():
    meetings = Meeting.objects.filter(match=OuterRef("pk")).order_by().values("match")
    return Subquery(meetings.annotate(total=Sum("duration_minutes")).values("total"))


def cohort_overview(*, user, cohort):
    """Runs, pins/forbids and matches of a cohort for a coordinator: meeting counts, never notes."""
    cohort_for(user=user, slug=cohort.slug)
    matches = list(
        Match.objects.filter(cohort=cohort)
        .select_related("student", "mentor")
        .annotate(
            meeting_count=Count("meetings", distinct=True),
            # A subquery, as a Sum over the feedback join would count each meeting once per survey.
            minutes=_minutes_of_match(),
            last_met=Max("meetings__met_on"),
            rating=Avg("feedback__rating"),
            answers=Count("feedback", filter=Q(feedback__submitted_at__isnull=False), distinct=True),
        )
    )
    today = timezone.localdate()
    for match in matches:
        days = (today - match.quiet_since(match.last_met)).days if match.state == MatchState.ACTIVE else 0
        match.quiet_days = days if days >= QUIET_AFTER.days else None
    return {
        "runs": MatchRun.objects.filter(cohort=cohort).select_related("created_by").defer("snapshot", "result")[:20],
        "rules": PairRule.objects.filter(cohort=cohort).select_related("student", "mentor"),
        "matches": matches,
    }


def pair_rule_for(*, user, pk):
    if not user.is_coordinator:
        raise Http404
    return get_object_or_404(PairRule.objects.select_related("cohort"), pk=pk)


def run_for(*, user, pk):
    if not user.is_coordinator:
        raise Http404
    return get_object_or_404(MatchRun.objects.select_related("cohort", "created_by", "published_by"), pk=pk)


def matches_for(*, user):
    """A mentor's mentees or a student's own matches (all states), with meeting counts and minutes."""
    if user.is_mentor:
        scope = Q(mentor=user)
    elif user.is_student:
        scope = Q(student=user)
    else:
        return Match.objects.none()
    return (
        Match.objects.filter(scope)
        .select_related("student", "mentor", "cohort", "mentor__mentor_profile")
        .annotate(meeting_count=Count("meetings"), minutes=Sum("meetings__duration_minutes"))
    )


def match_for(*, user, pk):
    match = get_object_or_404(
        Match.objects.select_related("student", "mentor", "cohort", "mentor__mentor_profile"), pk=pk
    )
    if user.is_coordinator or user.pk in (match.student_id, match.mentor_id):
        return match
    raise Http404


def meetings_for(*, user, match):
    """The pair sees the meetings with their notes; anyone else gets None (a coordinator sees a count)."""
    if user.pk in (match.student_id, match.mentor_id):
        return match.meetings.all()
    return None


def feedback_of(*, user, match):
    """Coordinators read every side's survey answers and end reviews; each side sees only their own."""
    answers = MatchFeedback.objects.filter(match=match).select_related("respondent")
    if user.is_coordinator:
        return answers
    return answers.filter(respondent=user)


def goals_of(*, user, match):
    """The pair reads its goals; a coordinator gets None (the page shows counts, as with meeting notes)."""
    return match.goals.all() if user.pk in (match.student_id, match.mentor_id) else None


def progress_of(*, match):
    """What the match page totals for anyone who may see the match: minutes met and goals by state."""
    return {
        "minutes": match.meetings.aggregate(total=Sum("duration_minutes"))["total"] or 0,
        **match.goals.aggregate(
            goal_count=Count("id"),
            goals_confirmed=Count("id", filter=Q(confirmed_at__isnull=False)),
            goals_met=Count("id", filter=Q(met_at__isnull=False)),
        ),
    }


def survey_for(*, user, pk):
    return get_object_or_404(
        MatchFeedback.objects.select_related("match__student", "match__mentor"), pk=pk, respondent=user
    )


def open_surveys_for(*, user):
    return MatchFeedback.objects.filter(respondent=user, submitted_at__isnull=True).select_related("match")


def public_mentors_on_pathway(*, pathway):
    """Mentors with pathways in a pathway, for its public page: role and organisation only, never a
    name or contact detail (those reach a student only through a published match)."""
    return (
        MentorProfile.objects.filter(pathways=pathway, user__is_active=True)
        .only("organisation", "job_title", "sector", "seniority")
        .order_by("organisation", "job_title")
    )
