"""Who has each events permission (the four roles and anonymous), and who may book one session."""

import pytest

from accounts.permissions import may
from programmes.events.selectors import may_book
from tests.factories import (
    PEOPLE_BY_ROLE,
    PartnerFactory,
    StudentFactory,
)
from tests.factories_sessions import SessionFactory, confirmed_student

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", sorted(PEOPLE_BY_ROLE))
def test_book_session_needs_a_session(who):
    assert may(PEOPLE_BY_ROLE[who](), "events.book_session") is False


def test_a_confirmed_student_may_book_their_cohorts_session():
    session = SessionFactory()
    student = confirmed_student(session.cohort)
    assert may(student, "events.book_session", session)
    assert may_book(user=student, session=session)


def test_a_student_without_a_confirmed_place_may_not_book():
    session = SessionFactory()
    assert not may(StudentFactory(), "events.book_session", session)
    assert not may(confirmed_student(SessionFactory().cohort), "events.book_session", session)


def test_a_session_for_one_university_is_bookable_by_its_students_only():
    partner, other = PartnerFactory(), PartnerFactory()
    session = SessionFactory(audience_partner=partner)
    assert may(confirmed_student(session.cohort, partner), "events.book_session", session)
    assert not may(confirmed_student(session.cohort, other), "events.book_session", session)


@pytest.mark.parametrize("who", ["staff", "coordinator", "mentor", "anonymous"])
def test_nobody_but_a_student_may_book(who):
    session = SessionFactory()
    assert not may(PEOPLE_BY_ROLE[who](), "events.book_session", session)
