"""Who has each accounts and outbox permission: the four roles and anonymous."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.permissions import may
from tests.factories import CoordinatorFactory, MentorFactory, StaffFactory, StudentFactory

pytestmark = pytest.mark.django_db

PEOPLE = {
    "student": StudentFactory,
    "staff": StaffFactory,
    "coordinator": CoordinatorFactory,
    "mentor": MentorFactory,
    "anonymous": AnonymousUser,
}

TABLE = {
    "accounts.invite_people": {"coordinator"},
    "outbox.watch_outbox": {"coordinator"},
}


@pytest.mark.parametrize("perm", sorted(TABLE))
@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_who_has_each_permission(perm, who):
    assert may(PEOPLE[who](), perm) is (who in TABLE[perm])
