"""The personal calendar feed at a secret, revocable URL."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from programmes.events.models import BookingStatus, CalendarFeed
from programmes.events.services import bookings, sessions
from tests.factories_sessions import BookingFactory, SessionFactory, confirmed_student

pytestmark = pytest.mark.django_db


def feed_url(client):
    client.post(reverse("sessions:feed_settings"), {"action": "regenerate"})
    token = CalendarFeed.objects.get().token
    return reverse("sessions:feed", args=[token])


def test_the_feed_lists_my_seats_and_follows_changes(client):
    session = SessionFactory(title="Mine")
    student = confirmed_student(session.cohort)
    bookings.book(session=session, participant=student)
    BookingFactory(session=SessionFactory(cohort=session.cohort, title="Someone else's"))
    waiting = SessionFactory(cohort=session.cohort, title="Waitlisted")
    BookingFactory(session=waiting, participant=student, status=BookingStatus.WAITLISTED, seated_at=None)
    client.force_login(student)
    url = feed_url(client)
    client.logout()  # calendar apps fetch without a session

    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Mine"]
    first_sequence = events[0]["SEQUENCE"]

    sessions.cancel_session(session=session)
    (event,) = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] > first_sequence


def test_a_stranger_token_or_a_revoked_one_is_a_404(client):
    student = confirmed_student(SessionFactory().cohort)
    client.force_login(student)
    old = feed_url(client)
    assert client.get(old).status_code == 200
    new = feed_url(client)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert client.get(reverse("sessions:feed", args=["not-a-real-token"])).status_code == 404
    response = client.post(reverse("sessions:feed_settings"), {"action": "revoke"}, follow=True)
    assert "switched off" in response.text
    assert client.get(new).status_code == 404


def test_the_feed_settings_page_shows_the_address(client):
    student = confirmed_student(SessionFactory().cohort)
    client.force_login(student)
    assert "Create my calendar address" in client.get(reverse("sessions:feed_settings")).text
    url = feed_url(client)
    assert url in client.get(reverse("sessions:feed_settings")).text
