"""A participant's evidence of completion: attended (or missed) sessions and logged meetings."""

from datetime import timedelta

from django.utils import timezone

from programmes.completion.models import AssessmentStage, CompletionCriteria, SelfAssessment
from programmes.completion.selectors import assessment_items
from programmes.events.models import BookingStatus, SessionKind
from tests.factories_mentoring import MatchFactory, MeetingFactory
from tests.factories_sessions import BookingFactory, SessionFactory


def past_session(cohort, *, kind=SessionKind.EXPERT_TALK, pathways=(), days_ago=10):
    starts = (timezone.now() - timedelta(days=days_ago)).replace(second=0, microsecond=0)
    session = SessionFactory(cohort=cohort, kind=kind, starts_at=starts, ends_at=starts + timedelta(hours=2))
    session.pathways.set(pathways)
    return session


def attend(participant, cohort, *, count=1, kind=SessionKind.EXPERT_TALK, status=BookingStatus.ATTENDED, pathways=()):
    return [
        BookingFactory(
            session=past_session(cohort, kind=kind, pathways=pathways), participant=participant, status=status
        )
        for _ in range(count)
    ]


def meet(participant, cohort, *, count=1, minutes=60, days_ago=5, match=None):
    match = match or MatchFactory(cohort=cohort, student=participant)
    for _ in range(count):
        MeetingFactory(match=match, met_on=timezone.localdate() - timedelta(days=days_ago), duration_minutes=minutes)
    return match


def answer(participant, cohort, stage=AssessmentStage.END, value=4):
    return SelfAssessment.objects.create(
        participant=participant,
        cohort=cohort,
        stage=stage,
        answers={item.key: value for item in assessment_items()},
    )


def simple_criteria(cohort, **overrides):
    fields = {"sessions_attended": 2, "sessions_by_kind": {}, "mentor_meetings": 1, "end_survey": True, **overrides}
    return CompletionCriteria.objects.create(cohort=cohort, **fields)


def complete_everything(participant, cohort, *, pathways=()):
    """Meets simple_criteria: two sessions attended, one 90-minute meeting, the end survey."""
    attend(participant, cohort, count=2, pathways=pathways)
    meet(participant, cohort, minutes=90)
    answer(participant, cohort)
