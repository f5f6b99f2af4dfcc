"""Who has each recruitment permission: the four roles and anonymous."""

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
    "recruitment.run_campaigns": {"coordinator"},
    "recruitment.choose_email_preferences": {"student"},
}


@pytest.mark.parametrize("perm", sorted(TABLE))
@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_who_has_each_permission(perm, who):
    assert may(PEOPLE[who](), perm) is (who in TABLE[perm])


def test_the_superuser_flag_grants_no_role_its_pages():
    assert not may(StudentFactory(is_superuser=True), "recruitment.run_campaigns")
