"""A mentor's navigation leads to their mentees; weekends can be chosen as free times and reach the
matching engine's time slots."""

import pytest
from django.urls import reverse

from mentoring.forms import MentorProfileForm
from mentoring.models import TimeOfWeek
from mentoring.services.snapshot import ALL_TIMES
from tests.factories import CoordinatorFactory, StudentFactory
from tests.factories_mentoring import MatchFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db


def test_the_mentor_s_navigation_has_my_mentees_and_the_page_lists_them(client):
    # A name Faker may also give (O'Brien): the page shows it escaped once.
    match = MatchFactory(state="active", student__full_name="Charlie O'Brien")
    MentorProfileFactory(user=match.mentor)
    client.force_login(match.mentor)
    page = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("mentoring:mentees")}">My mentees</a>' in page
    assert f'href="{reverse("mentoring:mentor_profile")}">Mentor profile</a>' in page
    mentees = client.get(reverse("mentoring:mentees")).content.decode()
    assert "<h1>My mentees</h1>" in mentees and "Charlie O&#x27;Brien" in mentees


@pytest.mark.parametrize("factory", [StudentFactory, CoordinatorFactory])
def test_only_mentors_have_a_my_mentees_page(client, factory):
    client.force_login(factory())
    assert client.get(reverse("mentoring:mentees")).status_code in (403, 404)


def test_weekends_can_be_chosen_and_count_as_time_slots():
    weekend = ["sat_day", "sat_eve", "sun_day", "sun_eve"]
    assert set(weekend) <= set(TimeOfWeek.values) and set(weekend) <= set(ALL_TIMES)
    choices = [value for value, _ in MentorProfileForm.base_fields["times"].choices]
    assert set(weekend) <= set(choices)
