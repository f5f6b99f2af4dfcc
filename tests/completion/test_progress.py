from datetime import timedelta

import pytest
from django.utils import timezone

from programmes.completion.progress import criteria_for, progress_of
from programmes.events.models import BookingStatus, SessionKind
from tests.factories import CohortFactory, PathwayFactory
from tests.factories_completion import answer, attend, complete_everything, meet, simple_criteria
from tests.factories_sessions import confirmed_student

pytestmark = pytest.mark.django_db


def test_defaults_apply_until_a_coordinator_sets_criteria():
    cohort = CohortFactory()
    criteria = criteria_for(cohort)
    assert criteria.pk is None
    assert (criteria.sessions_attended, criteria.mentor_meetings, criteria.end_survey) == (4, 2, True)


def test_progress_counts_what_is_done_and_what_is_left():
    cohort = CohortFactory()
    simple_criteria(cohort, sessions_by_kind={SessionKind.CAREERS_INSIGHT: 1})
    student = confirmed_student(cohort)
    attend(student, cohort, count=2)
    meet(student, cohort, minutes=45)
    progress = progress_of(cohort=cohort)[student.pk]
    assert progress.attended == 2 and progress.meetings == 1 and progress.mentoring_minutes == 45
    assert not progress.complete
    assert [r.label for r in progress.left] == ["Careers insight sessions attended", "End-of-programme self-assessment"]
    attend(student, cohort, kind=SessionKind.CAREERS_INSIGHT)
    answer(student, cohort)
    assert progress_of(cohort=cohort)[student.pk].complete


def test_only_confirmed_participants_and_only_this_cohorts_evidence_count():
    cohort, other = CohortFactory(), CohortFactory()
    student = confirmed_student(cohort)
    confirmed_student(other)
    attend(student, other, count=3)
    rows = progress_of(cohort=cohort)
    assert list(rows) == [student.pk]
    assert rows[student.pk].attended == 0


def test_pathways_explored_join_sessions_attended_and_the_application():
    cohort = CohortFactory()
    student = confirmed_student(cohort)
    student.applications.get().pathways.set([PathwayFactory(name="Clinical and NHS")])
    attend(student, cohort, pathways=[PathwayFactory(name="Regulatory affairs")])
    attend(student, cohort, status=BookingStatus.NO_SHOW, pathways=[PathwayFactory(name="Not attended")])
    assert progress_of(cohort=cohort)[student.pk].pathways == {"Clinical and NHS", "Regulatory affairs"}


def test_two_no_shows_put_a_participant_at_risk():
    cohort = CohortFactory()
    student = confirmed_student(cohort)
    attend(student, cohort, status=BookingStatus.NO_SHOW)
    assert not progress_of(cohort=cohort)[student.pk].at_risk
    attend(student, cohort, status=BookingStatus.NO_SHOW)
    assert progress_of(cohort=cohort)[student.pk].at_risk_reasons == ["missed 2 sessions"]


def test_three_weeks_without_a_meeting_puts_a_matched_participant_at_risk():
    cohort = CohortFactory()
    student = confirmed_student(cohort)
    match = meet(student, cohort, days_ago=20)
    assert not progress_of(cohort=cohort)[student.pk].at_risk
    later = timezone.now() + timedelta(days=1)
    assert progress_of(cohort=cohort, now=later)[student.pk].at_risk_reasons == ["no mentor meeting for 21 days"]
    meet(student, cohort, days_ago=0, match=match)
    assert not progress_of(cohort=cohort, now=later)[student.pk].at_risk


def test_no_match_is_not_a_risk_of_missing_meetings():
    cohort = CohortFactory()
    student = confirmed_student(cohort)
    assert not progress_of(cohort=cohort, now=timezone.now() + timedelta(days=60))[student.pk].at_risk


def test_a_match_with_no_meeting_counts_from_its_start():
    cohort = CohortFactory()
    student = confirmed_student(cohort)
    meet(student, cohort, count=0)
    assert not progress_of(cohort=cohort)[student.pk].at_risk
    later = timezone.now() + timedelta(days=22)
    assert progress_of(cohort=cohort, now=later)[student.pk].at_risk


def test_complete_everything_meets_simple_criteria():
    cohort = CohortFactory()
    simple_criteria(cohort)
    student = confirmed_student(cohort)
    complete_everything(student, cohort)
    assert progress_of(cohort=cohort)[student.pk].complete
