"""The reminder scan and what its emails let people do."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from programmes.events.models import BookingStatus
from programmes.events.services import bookings, reminders, sessions
from tests.factories_sessions import BookingFactory, OnlineSessionFactory, SessionFactory, confirmed_student

pytestmark = pytest.mark.django_db
WEEK, DAY, HOUR = 7 * 24 * 60, 24 * 60, 60


def reminder_keys():
    return sorted(OutboxMessage.objects.filter(key__startswith="reminder:").values_list("key", flat=True))


def test_each_reminder_goes_once_however_often_the_scan_runs():
    session = SessionFactory()
    booking = BookingFactory(session=session)
    start = session.starts_at
    for when, expected in [
        (start - timedelta(days=8), []),
        (start - timedelta(days=7) + timedelta(minutes=1), [f"reminder:{booking.pk}:{WEEK}"]),
        (start - timedelta(days=3), [f"reminder:{booking.pk}:{WEEK}"]),
        (start - timedelta(hours=23), [f"reminder:{booking.pk}:{DAY}", f"reminder:{booking.pk}:{WEEK}"]),
        (
            start - timedelta(minutes=59),
            [f"reminder:{booking.pk}:{DAY}", f"reminder:{booking.pk}:{HOUR}", f"reminder:{booking.pk}:{WEEK}"],
        ),
    ]:
        for _ in range(3):
            reminders.scan_reminders(now=when)
        assert reminder_keys() == sorted(expected)


def test_a_scan_that_was_down_sends_only_the_nearest_reminder():
    booking = BookingFactory()
    reminders.scan_reminders(now=booking.session.starts_at - timedelta(minutes=30))
    assert reminder_keys() == [f"reminder:{booking.pk}:{HOUR}"]


def test_no_reminders_for_cancelled_bookings_cancelled_sessions_or_started_sessions():
    cancelled_booking = BookingFactory(status=BookingStatus.CANCELLED)
    cancelled_session = BookingFactory(session=SessionFactory(status="cancelled")).session
    started = SessionFactory(starts_at=timezone.now() - timedelta(minutes=1))
    BookingFactory(session=started)
    waitlisted = BookingFactory(status=BookingStatus.WAITLISTED, seated_at=None)
    for session in (cancelled_booking.session, cancelled_session, waitlisted.session):
        reminders.scan_reminders(now=session.starts_at - timedelta(minutes=30))
    reminders.scan_reminders()
    assert reminder_keys() == []


def test_a_late_booker_gets_only_the_reminders_still_ahead():
    session = SessionFactory(starts_at=timezone.now() + timedelta(days=3))
    student = confirmed_student(session.cohort)
    booking = bookings.book(session=session, participant=student)
    reminders.scan_reminders(now=timezone.now() + timedelta(minutes=1))
    reminders.scan_reminders(now=session.starts_at - timedelta(hours=23))
    reminders.scan_reminders(now=session.starts_at - timedelta(minutes=59))
    assert reminder_keys() == sorted([f"reminder:{booking.pk}:{DAY}", f"reminder:{booking.pk}:{HOUR}"])


def test_reminder_offsets_come_from_the_cohort():
    session = SessionFactory()
    session.cohort.reminder_offsets = [2 * DAY]
    session.cohort.save()
    booking = BookingFactory(session=session)
    reminders.scan_reminders(now=session.starts_at - timedelta(days=7))
    assert reminder_keys() == []
    reminders.scan_reminders(now=session.starts_at - timedelta(days=2))
    assert reminder_keys() == [f"reminder:{booking.pk}:{2 * DAY}"]


def test_the_one_hour_reminder_of_an_online_session_carries_the_join_link():
    session = OnlineSessionFactory()
    booking = BookingFactory(session=session)
    reminders.scan_reminders(now=session.starts_at - timedelta(hours=23))
    day = OutboxMessage.objects.get(key=f"reminder:{booking.pk}:{DAY}").body_text
    assert session.join_url not in day
    assert "release your seat" not in day.lower()
    reminders.scan_reminders(now=session.starts_at - timedelta(minutes=59))
    hour = OutboxMessage.objects.get(key=f"reminder:{booking.pk}:{HOUR}")
    assert f"Join online: {session.join_url}" in hour.body_text
    assert "starts in 59 minutes" in hour.body_text


def release_link(booking):
    reminders.scan_reminders(now=booking.session.starts_at - timedelta(days=7))
    body = OutboxMessage.objects.get(key=f"reminder:{booking.pk}:{WEEK}").body_text
    assert "Can't come?" in body
    return re.search(r"http://testserver(/sessions/release/\S+)", body).group(1)


def test_the_seven_day_release_link_confirms_before_acting_and_promotes_the_waitlist(client):
    session = SessionFactory(capacity=1)
    holder = BookingFactory(session=session)
    waiting_student = confirmed_student(session.cohort)
    waiting = bookings.book(session=session, participant=waiting_student)
    assert waiting.status == BookingStatus.WAITLISTED
    link = release_link(holder)

    page = client.get(link)  # no sign-in; a GET (a mail scanner's prefetch) changes nothing
    assert page.status_code == 200
    assert "Yes, release my seat" in page.text
    holder.refresh_from_db()
    assert holder.status == BookingStatus.BOOKED

    done = client.post(link)
    assert "is released" in done.text
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == BookingStatus.CANCELLED
    assert waiting.status == BookingStatus.BOOKED
    assert OutboxMessage.objects.filter(to=waiting_student.email, key__contains=":promoted:").exists()

    again = client.post(link)
    assert again.status_code == 410
    assert client.get(link).status_code == 410


def test_a_forged_release_link_does_nothing(client):
    booking = BookingFactory()
    link = release_link(booking)
    forged = link[:-3] + "abc/"
    assert client.post(forged).status_code == 410
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_attendees_are_asked_for_feedback_once_and_give_it_once(client):
    session = SessionFactory(starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1))
    attended = BookingFactory(session=session, status=BookingStatus.ATTENDED)
    absent = BookingFactory(session=session)
    reminders.scan_feedback_requests()
    reminders.scan_feedback_requests()
    requests = OutboxMessage.objects.filter(key__startswith="feedback-request:")
    assert list(requests.values_list("to", flat=True)) == [attended.participant.email]

    client.force_login(attended.participant)
    assert "Tell us how it went" in client.get(reverse("dashboard")).text
    url = reverse("sessions:feedback", args=[session.pk])
    bad = client.post(url, {"rating": "9"}, follow=True)
    assert "Choose a rating from 1 to 5" in bad.text
    assert client.post(url, {"rating": "4", "comment": "Very useful"}, follow=True).text.count("Thank you") == 1
    assert "already given feedback" in client.post(url, {"rating": "1"}, follow=True).text
    assert session.feedback.get().rating == 4

    client.force_login(absent.participant)
    assert "Feedback opens after" in client.post(url, {"rating": "5"}, follow=True).text
    assert session.feedback.count() == 1


def test_an_updated_session_gets_its_reminders_from_its_new_time():
    session = SessionFactory()
    booking = BookingFactory(session=session)
    reminders.scan_reminders(now=session.starts_at - timedelta(hours=23))
    later = session.starts_at + timedelta(days=2)
    sessions.update_session(session=session, starts_at=later, ends_at=later + timedelta(hours=1))
    reminders.scan_reminders(now=later - timedelta(minutes=59))
    assert reminder_keys() == sorted([f"reminder:{booking.pk}:{DAY}", f"reminder:{booking.pk}:{HOUR}"])
