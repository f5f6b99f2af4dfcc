"""The admissions permissions asked of one object: whose application, which university's decisions
(the table by role is tests/portal/test_permission_table.py)."""

import pytest

from accounts.permissions import may
from programmes.admissions.models import Review
from programmes.admissions.services.applications import REVIEWER, STUDENT, SYSTEM, actor_capacities
from programmes.admissions.services.decisions import may_release
from tests.factories import (
    ApplicationFactory,
    CohortFactory,
    CohortPartnerFactory,
    CoordinatorFactory,
    MentorFactory,
    PartnerFactory,
    StaffFactory,
    StudentFactory,
)


@pytest.fixture
def warwick(db):
    return PartnerFactory(name="University of Warwick", short_name="Warwick", slug="warwick")


@pytest.fixture
def aru(db):
    return PartnerFactory(name="Anglia Ruskin University", short_name="ARU", slug="aru")


@pytest.fixture
def warwick_application(warwick):
    return ApplicationFactory(partner=warwick)


@pytest.fixture
def aru_application(aru):
    return ApplicationFactory(partner=aru)


@pytest.mark.parametrize(
    "perm", ["admissions.review_applications", "admissions.score_applications", "admissions.stage_decision"]
)
def test_staff_act_on_their_own_universitys_applications_only(perm, warwick, warwick_application, aru_application):
    warwick_staff = StaffFactory(partner=warwick)
    assert may(warwick_staff, perm, warwick_application)
    assert not may(warwick_staff, perm, aru_application)


def test_coordinators_review_and_decide_every_universitys_applications(warwick_application, aru_application):
    coordinator = CoordinatorFactory()
    for application in (warwick_application, aru_application):
        assert may(coordinator, "admissions.review_applications", application)
        assert may(coordinator, "admissions.stage_decision", application)
        # Scoring is the university's: coordinators read the reviews, they do not write them.
        assert not may(coordinator, "admissions.score_applications", application)


def test_students_and_mentors_review_nothing(warwick_application):
    for user in (warwick_application.student, StudentFactory(), MentorFactory()):
        assert not may(user, "admissions.review_applications", warwick_application)
        assert not may(user, "admissions.stage_decision", warwick_application)


def test_a_student_acts_on_their_own_application_only(warwick_application, aru_application):
    student = warwick_application.student
    assert may(student, "admissions.apply", warwick_application)
    assert not may(student, "admissions.apply", aru_application)
    assert not may(StaffFactory(partner=warwick_application.partner), "admissions.apply", warwick_application)


@pytest.mark.parametrize("staff_may_release", [False, True])
def test_who_releases_a_universitys_decisions(warwick, aru, staff_may_release):
    cohort = CohortFactory(staff_may_release=staff_may_release)
    at_warwick = CohortPartnerFactory(cohort=cohort, partner=warwick)
    at_aru = CohortPartnerFactory(cohort=cohort, partner=aru)
    warwick_staff = StaffFactory(partner=warwick)
    assert may(CoordinatorFactory(), "admissions.release_decisions", at_warwick)
    assert may(warwick_staff, "admissions.release_decisions", at_warwick) is staff_may_release
    assert not may(warwick_staff, "admissions.release_decisions", at_aru)
    assert not may(StudentFactory(), "admissions.release_decisions", at_warwick)
    # The service helper asks the same rule.
    assert may_release(user=warwick_staff, cohort_partner=at_warwick) is staff_may_release
    assert not may_release(user=warwick_staff, cohort_partner=at_aru)


def test_set_state_capacities_follow_the_rules(warwick, warwick_application, aru_application):
    student = warwick_application.student
    warwick_staff = StaffFactory(partner=warwick)
    assert actor_capacities(None, warwick_application) == {SYSTEM}
    assert actor_capacities(CoordinatorFactory(), aru_application) == {REVIEWER}
    assert actor_capacities(warwick_staff, warwick_application) == {REVIEWER}
    assert actor_capacities(warwick_staff, aru_application) == set()
    assert actor_capacities(student, warwick_application) == {STUDENT}
    assert actor_capacities(student, aru_application) == set()
    assert actor_capacities(MentorFactory(), warwick_application) == set()


@pytest.mark.parametrize(
    "perm", ["admissions.review_applications", "admissions.score_applications", "admissions.stage_decision"]
)
def test_staff_who_declared_a_conflict_act_on_that_application_no_more(perm, warwick, warwick_application):
    conflicted, colleague = StaffFactory(partner=warwick), StaffFactory(partner=warwick)
    Review.objects.create(application=warwick_application, reviewer=conflicted, conflict_declared=True)
    assert not may(conflicted, perm, warwick_application)
    assert may(colleague, perm, warwick_application)
    assert may(conflicted, perm)  # the route stays theirs: the queue, their other applications
