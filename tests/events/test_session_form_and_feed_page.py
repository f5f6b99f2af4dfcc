"""A new session starts in the live cohort (never a draft); the calendar address has a copy button;
the public page's kinds of activity are session kinds."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.cohorts.models import OFFER_KINDS, CohortStatus
from programmes.events.models import SessionKind
from tests.factories import CohortFactory, CoordinatorFactory
from tests.factories_sessions import BookingFactory

pytestmark = pytest.mark.django_db


def initial_cohort(client):
    client.force_login(CoordinatorFactory())
    return client.get(reverse("sessions:create")).context["form"]["cohort"].value()


def test_a_new_session_defaults_to_the_running_cohort_not_the_newest_draft(client):
    later = timezone.now() + timedelta(days=300)
    running = CohortFactory(status=CohortStatus.RUNNING)
    CohortFactory(status=CohortStatus.OPEN, programme_starts_on=later.date(), programme_ends_on=later.date())
    CohortFactory(status=CohortStatus.DRAFT, programme_starts_on=later.date(), programme_ends_on=later.date())
    assert initial_cohort(client) == running.pk


def test_without_a_running_cohort_the_open_one_is_the_default(client):
    opened = CohortFactory(status=CohortStatus.OPEN)
    CohortFactory(status=CohortStatus.DRAFT, programme_starts_on=(timezone.now() + timedelta(days=400)).date())
    assert initial_cohort(client) == opened.pk


def test_with_only_drafts_nothing_is_chosen_for_the_coordinator(client):
    CohortFactory(status=CohortStatus.DRAFT)
    assert initial_cohort(client) is None


def test_the_calendar_address_has_an_accessible_copy_button(client):
    booking = BookingFactory()
    client.force_login(booking.participant)
    client.post(reverse("sessions:feed_settings"), {"action": "regenerate"})
    page = client.get(reverse("sessions:feed_settings")).content.decode()
    assert 'data-copy-target="feed-url"' in page and 'id="feed-url-status" role="status"' in page
    assert 'Copy<span class="visually-hidden"> your calendar address</span>' in page
    assert "js/copy.js" in page


def test_every_kind_of_activity_on_the_public_page_is_a_session_kind():
    assert {kind for kind, _ in OFFER_KINDS} <= set(SessionKind.values)
