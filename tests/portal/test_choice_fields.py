"""A chosen row's number too large for the database is an invalid choice on the page, not a 500
(found by tests/portal/test_fuzz_forms.py on the mentoring preferences and the new campaign)."""

import pytest
from django.urls import reverse

from mentoring.models import MentoringPreference
from tests.factories import CohortFactory, CoordinatorFactory, PathwayFactory
from tests.factories_sessions import confirmed_student

pytestmark = pytest.mark.django_db

TOO_LARGE = "9" * 30


def test_a_pathway_number_beyond_64_bits_is_an_invalid_choice_in_the_preferences(client):
    PathwayFactory()
    client.force_login(confirmed_student(CohortFactory()))
    response = client.post(reverse("mentoring:preferences"), {"pathways": [TOO_LARGE], "mode": "online"})
    assert response.status_code == 200
    assert f"“{TOO_LARGE}” is not a valid value." in response.content.decode()
    assert not MentoringPreference.objects.exists()


def test_a_pathway_number_beyond_64_bits_is_an_invalid_choice_in_a_new_campaign(client):
    PathwayFactory()
    client.force_login(CoordinatorFactory())
    response = client.post(reverse("campaigns:create"), {"name": "Autumn", "pathways": [TOO_LARGE]})
    assert response.status_code == 200
    assert f"“{TOO_LARGE}” is not a valid value." in response.content.decode()
