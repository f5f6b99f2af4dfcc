"""Coordinator pages found wanting on the visual tour, each pinned by a test."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CohortFactory, CoordinatorFactory
from tests.factories_sessions import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def signed_in_coordinator(client):
    client.force_login(CoordinatorFactory())


def text(response):
    return response.content.decode()


def test_an_empty_week_points_to_the_next_session(client):
    later = SessionFactory(title="Regulatory kick-off", starts_at=timezone.now() + timedelta(days=50))
    page = text(client.get(reverse("sessions:programme_week")))
    assert "Nothing is scheduled this week" in page and "Regulatory kick-off" in page
    assert f"?week={timezone.localtime(later.starts_at):%Y-%m-%d}" in page


def test_a_week_with_sessions_needs_no_pointer(client):
    SessionFactory(starts_at=timezone.now())
    SessionFactory(starts_at=timezone.now() + timedelta(days=50))
    assert "Nothing is scheduled this week" not in text(client.get(reverse("sessions:programme_week")))


def test_cancel_page_counts_people_in_good_english(client):
    booking = BookingFactory()
    page = text(client.get(reverse("sessions:cancel", args=[booking.session.pk])))
    assert "1 person with a seat gets a calendar cancellation; 0 on the waitlist are told too." in page
    empty = SessionFactory()
    assert "Nobody has booked it yet" in text(client.get(reverse("sessions:cancel", args=[empty.pk])))


def test_set_up_forms_lead_back_to_set_up(client):
    cohort = CohortFactory()
    for url in (
        reverse("setup_cohort_edit", args=[cohort.pk]),
        reverse("setup_partner_create"),
        reverse("setup_extensions", args=[cohort.pk]),
    ):
        assert f'<a href="{reverse("setup_index")}">Programme set-up</a>' in text(client.get(url))


def test_month_view_times_carry_their_zone(client):
    session = SessionFactory(starts_at=timezone.now() + timedelta(hours=1))
    month = f"{timezone.localtime(session.starts_at):%Y-%m}"
    page = text(client.get(reverse("sessions:programme_month"), {"month": month}))
    assert f"{timezone.localtime(session.starts_at):%H:%M %Z} {session.title}" in page


def test_new_session_form_preselects_no_kind(client):
    page = text(client.get(reverse("sessions:create")))
    assert '<option value="" selected>Choose…</option>' in page
    assert "Empty: every confirmed participant" not in page


def test_a_coordinator_on_a_cohort_page_can_go_and_edit_it(client):
    cohort = CohortFactory()
    page = text(client.get(reverse("cohort_detail", args=[cohort.slug])))
    assert reverse("setup_cohort_edit", args=[cohort.pk]) in page


@pytest.mark.parametrize(
    "url, value",
    [
        ("sessions:programme_week", {"week": "0001-01-01"}),
        ("sessions:programme_week", {"week": "9999-12-31"}),
        ("sessions:programme_month", {"month": "0001-01"}),
        ("sessions:programme_month", {"month": "9999-12"}),
    ],
)
def test_a_calendar_date_at_the_ends_of_time_shows_the_current_date_with_a_message(client, url, value):
    response = client.get(reverse(url), value)
    assert response.status_code == 200
    assert "The calendar covers 1970 to 2199, so it shows the current date instead." in text(response)
