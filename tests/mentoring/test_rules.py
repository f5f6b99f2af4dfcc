"""Who has each mentoring permission (the four roles and anonymous), and who may do what with one match."""

import pytest

from accounts.permissions import may
from tests.factories import PEOPLE_BY_ROLE, StudentFactory
from tests.factories_mentoring import MatchFactory

pytestmark = pytest.mark.django_db

# Per match: the pair ("mentee", "their mentor"), people of every role outside it, and anonymous.
MATCH_TABLE = {
    "mentoring.see_match": {"mentee", "their mentor", "coordinator"},
    "mentoring.take_part_in_match": {"mentee", "their mentor"},
    "mentoring.end_match": {"mentee", "their mentor", "coordinator"},
    "mentoring.write_goals": {"mentee"},
    "mentoring.confirm_goals": {"their mentor"},
}


@pytest.mark.parametrize("perm", sorted(MATCH_TABLE))
@pytest.mark.parametrize("who", ["mentee", "their mentor", *sorted(PEOPLE_BY_ROLE)])
def test_who_may_do_what_with_one_match(perm, who):
    match = MatchFactory()
    person = {"mentee": match.student, "their mentor": match.mentor}.get(who) or PEOPLE_BY_ROLE[who]()
    assert may(person, perm, match) is (who in MATCH_TABLE[perm])


def test_a_mentor_has_no_part_in_another_mentors_match():
    mine, theirs = MatchFactory(), MatchFactory()
    assert may(mine.mentor, "mentoring.take_part_in_match", mine)
    assert not may(mine.mentor, "mentoring.take_part_in_match", theirs)
    assert not may(mine.student, "mentoring.see_match", theirs)


@pytest.mark.parametrize("perm", sorted(MATCH_TABLE))
def test_match_permissions_need_a_match(perm):
    assert not may(StudentFactory(), perm)
