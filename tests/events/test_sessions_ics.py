"""Calendar files parsed back with icalendar: what a calendar client would read."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from ftl_portal.outbox.models import OutboxMessage
from programmes.events.services import bookings, sessions
from tests.factories_sessions import OnlineSessionFactory, SessionFactory, confirmed_student

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def parse(ics):
    cal = Calendar.from_ical(ics)
    (event,) = cal.walk("VEVENT")
    return cal, event


def invite_of(message):
    (part,) = message.attachments
    assert part["mimetype"].startswith("text/calendar")
    return parse(part["content"])


def test_booking_update_and_cancellation_keep_the_uid_raise_the_sequence_and_set_method_and_status():
    session = SessionFactory()
    student = confirmed_student(session.cohort)
    booking = bookings.book(session=session, participant=student)
    cal, booked = invite_of(OutboxMessage.objects.get(key=f"booking:{booking.pk}:booked:0"))
    assert cal["METHOD"] == "REQUEST"
    assert booked["STATUS"] == "CONFIRMED"
    assert str(booked["ORGANIZER"]) == "mailto:ftl@medilinkmidlands.test"
    assert str(booked["ATTENDEE"]) == f"mailto:{student.email}"
    assert booked["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]

    moved = sessions.update_session(
        session=session, starts_at=session.starts_at + timedelta(hours=2), ends_at=session.ends_at + timedelta(hours=2)
    )
    cal, updated = invite_of(OutboxMessage.objects.get(key=f"session-update:{session.pk}:1:{booking.pk}"))
    assert cal["METHOD"] == "REQUEST"
    assert updated["UID"] == booked["UID"] == f"session-{session.pk}@ftl-portal"
    assert updated["SEQUENCE"] > booked["SEQUENCE"]
    assert updated.decoded("DTSTART") == moved.starts_at

    sessions.cancel_session(session=moved)
    cal, cancelled = invite_of(OutboxMessage.objects.get(key=f"session-update:{session.pk}:2:{booking.pk}"))
    assert cal["METHOD"] == "CANCEL"
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["UID"] == booked["UID"]
    assert cancelled["SEQUENCE"] > updated["SEQUENCE"]


def test_a_title_change_sends_nothing_but_a_new_time_does():
    session = SessionFactory()
    bookings.book(session=session, participant=confirmed_student(session.cohort))
    before = OutboxMessage.objects.count()
    sessions.update_session(session=session, title="A better title")
    assert OutboxMessage.objects.count() == before
    sessions.update_session(session=session, venue="Another room")
    assert OutboxMessage.objects.count() == before + 1


def test_cancelling_a_seat_sends_cancel_and_rebooking_sends_a_higher_sequence():
    session = SessionFactory()
    student = confirmed_student(session.cohort)
    booking = bookings.book(session=session, participant=student)
    bookings.cancel_booking(booking=booking)
    again = bookings.book(session=session, participant=student)
    messages = list(OutboxMessage.objects.filter(to=student.email).order_by("id"))
    parsed = [invite_of(m) for m in messages]
    assert [cal["METHOD"] for cal, _ in parsed] == ["REQUEST", "CANCEL", "REQUEST"]
    assert [event["STATUS"] for _, event in parsed] == ["CONFIRMED", "CANCELLED", "CONFIRMED"]
    sequences = [event["SEQUENCE"] for _, event in parsed]
    assert sequences == sorted(set(sequences))
    assert again.pk == booking.pk


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        # The Saturday before the March change is GMT, the Sunday after it BST.
        (datetime(2027, 3, 27, 10, 0), datetime(2027, 3, 27, 10, 0, tzinfo=UTC)),
        (datetime(2027, 3, 28, 10, 0), datetime(2027, 3, 28, 9, 0, tzinfo=UTC)),
        # The Saturday before the October change is BST, the Sunday after it GMT.
        (datetime(2027, 10, 30, 10, 0), datetime(2027, 10, 30, 9, 0, tzinfo=UTC)),
        (datetime(2027, 10, 31, 10, 0), datetime(2027, 10, 31, 10, 0, tzinfo=UTC)),
    ],
)
def test_times_are_right_either_side_of_the_clock_changes(client, local, utc):
    starts = local.replace(tzinfo=LONDON)
    session = SessionFactory(starts_at=starts, ends_at=starts.replace(hour=12))
    student = confirmed_student(session.cohort)
    bookings.book(session=session, participant=student, at=datetime(2027, 1, 1, tzinfo=UTC))
    client.force_login(student)
    response = client.get(reverse("sessions:invite", args=[session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    cal, event = parse(response.content)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART").astimezone(UTC) == utc
    assert event.decoded("DTSTART").replace(tzinfo=None) == local
    # The VTIMEZONE's own rules (not just the TZID name) give the same offset.
    (vtimezone,) = cal.walk("VTIMEZONE")
    assert local - vtimezone.to_tz().utcoffset(local) == utc.replace(tzinfo=None)


def test_the_downloaded_invite_of_an_online_session_carries_the_join_link_for_the_seat_holder(client):
    session = OnlineSessionFactory()
    student = confirmed_student(session.cohort)
    bookings.book(session=session, participant=student)
    client.force_login(student)
    _, event = parse(client.get(reverse("sessions:invite", args=[session.pk])).content)
    assert event["LOCATION"] == session.join_url
