"""Coordinators schedule sessions, read the calendar, keep the register and see feedback."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from programmes.events.models import BookingStatus, Feedback, Session, SessionStatus
from programmes.events.services import bookings
from tests.factories import CohortPartnerFactory, CoordinatorFactory, PartnerFactory, PathwayFactory
from tests.factories_sessions import BookingFactory, SessionFactory, confirmed_student

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = CoordinatorFactory()
    client.force_login(user)
    return user


def form_data(cohort, **overrides):
    start = timezone.localtime() + timedelta(days=12)
    data = {
        "cohort": cohort.pk,
        "kind": "careers_insight",
        "title": "Careers in regulatory affairs",
        "description": "Meet three people who do it.",
        "speakers": "Dr Priya Shah, Medilink Midlands",
        "starts_at": start.strftime("%Y-%m-%dT14:00"),
        "ends_at": start.strftime("%Y-%m-%dT16:00"),
        "format": "online",
        "join_url": "https://meet.example.org/ra",
        "capacity": "20",
        "audience_partner": "",
    }
    data.update(overrides)
    return data


def test_a_coordinator_creates_a_session(client, coordinator):
    cohort = CohortPartnerFactory().cohort
    pathway = PathwayFactory(name="Regulatory affairs")
    response = client.post(reverse("sessions:create"), {**form_data(cohort), "pathways": [pathway.pk]}, follow=True)
    assert "is on the programme" in response.text
    session = Session.objects.get()
    assert session.title == "Careers in regulatory affairs"
    assert list(session.pathways.all()) == [pathway]
    assert timezone.localtime(session.starts_at).hour == 14
    assert "Regulatory affairs" in response.text


def test_a_long_teams_link_is_kept_whole(client, coordinator):
    link = (
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + "N" * 60 + "%40thread.v2/0?context=%7b%22Tid"
        "%22%3a%22" + "1" * 36 + "%22%2c%22Oid%22%3a%22" + "2" * 36 + "%22%7d"
    )
    assert len(link) > 200  # longer than Django's default URLField
    cohort = CohortPartnerFactory().cohort
    response = client.post(reverse("sessions:create"), form_data(cohort, join_url=link), follow=True)
    assert "is on the programme" in response.text
    assert Session.objects.get().join_url == link


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": ""}, "This field is required"),
        ({"format": "online", "join_url": ""}, "An online session needs its join link"),
        ({"format": "in_person", "venue": ""}, "An in-person session needs a venue"),
        ({"capacity": "0"}, "Capacity must be at least 1"),
        ({"starts_at": "not a date"}, "Enter a valid date/time"),
        ({"join_url": "https://meet.example.org/" + "x" * 2000}, "at most 2000 characters"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client, coordinator, overrides, message):
    cohort = CohortPartnerFactory().cohort
    response = client.post(reverse("sessions:create"), form_data(cohort, **overrides))
    assert response.status_code == 200
    assert message in response.text
    assert not Session.objects.exists()


def test_an_end_before_the_start_is_refused(client, coordinator):
    cohort = CohortPartnerFactory().cohort
    data = form_data(cohort)
    response = client.post(reverse("sessions:create"), {**data, "ends_at": data["starts_at"].replace("T14", "T09")})
    assert "must end after it starts" in response.text
    assert not Session.objects.exists()


def test_the_audience_must_be_a_partner_of_the_cohort(client, coordinator):
    cohort = CohortPartnerFactory().cohort
    outsider = PartnerFactory()
    response = client.post(reverse("sessions:create"), form_data(cohort, audience_partner=outsider.pk))
    assert "is not a partner of" in response.text


def test_editing_the_time_notifies_seat_holders_and_capacity_cannot_drop_below_bookings(client, coordinator):
    session = SessionFactory(capacity=3)
    seated = [BookingFactory(session=session) for _ in range(2)]
    data = form_data(session.cohort, capacity="1", title=session.title)
    response = client.post(reverse("sessions:edit", args=[session.pk]), data)
    assert "2 seats are booked; capacity cannot be lower" in response.text
    # A move asks first: the seat holders and their email, nothing saved or sent yet.
    confirm = client.post(reverse("sessions:edit", args=[session.pk]), {**data, "capacity": "3"}).text
    assert "Save and tell 2 people" in confirm and all(b.participant.email in confirm for b in seated)
    assert not OutboxMessage.objects.filter(key__startswith=f"session-update:{session.pk}:").exists()
    confirmed = {**data, "capacity": "3", "audience": audience_in(confirm)}
    response = client.post(reverse("sessions:edit", args=[session.pk]), confirmed, follow=True)
    assert "Session saved" in response.text
    updates = OutboxMessage.objects.filter(key__startswith=f"session-update:{session.pk}:1:")
    assert sorted(updates.values_list("to", flat=True)) == sorted(b.participant.email for b in seated)


def test_raising_capacity_seats_the_waitlist(coordinator):
    from programmes.events.services import sessions as session_services

    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    waiting = bookings.book(session=session, participant=confirmed_student(session.cohort))
    session_services.update_session(session=Session.objects.get(pk=session.pk), capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.BOOKED


def audience_in(page):
    return re.search(r'name="audience" value="([0-9a-f]+)"', page).group(1)


def test_cancelling_asks_first_then_tells_everyone(client, coordinator):
    session = SessionFactory(capacity=1, starts_at=timezone.now() + timedelta(minutes=20))
    seat = BookingFactory(session=session)
    waiting = bookings.book(session=session, participant=confirmed_student(session.cohort))
    confirm = client.get(reverse("sessions:cancel", args=[session.pk]))
    assert "Cancel the session" in confirm.text
    assert seat.participant.email in confirm.text and waiting.participant.email in confirm.text
    assert "has been cancelled" in confirm.text  # the email, open
    assert Session.objects.get(pk=session.pk).status == SessionStatus.SCHEDULED
    client.post(reverse("sessions:cancel", args=[session.pk]), {"audience": audience_in(confirm.text)})
    assert Session.objects.get(pk=session.pk).status == SessionStatus.CANCELLED
    told = OutboxMessage.objects.filter(key__startswith=f"session-update:{session.pk}:")
    assert sorted(told.values_list("to", flat=True)) == sorted([seat.participant.email, waiting.participant.email])
    assert "has been cancelled" in told.first().body_text


def test_week_and_month_show_bookings_against_capacity(client, coordinator):
    session = SessionFactory(title="Quality workshop", capacity=12)
    BookingFactory(session=session)
    local = timezone.localtime(session.starts_at)
    week = client.get(reverse("sessions:programme_week"), {"week": local.strftime("%Y-%m-%d")})
    assert "Quality workshop" in week.text
    assert "1/12 booked" in week.text
    month = client.get(reverse("sessions:programme_month"), {"month": local.strftime("%Y-%m")})
    assert "Quality workshop" in month.text
    assert "1/12 booked" in month.text
    assert client.get(reverse("sessions:programme_week"), {"week": "rubbish"}).status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_the_week_list_costs_the_same_queries_for_1_and_50_sessions(
    client, coordinator, rows, django_assert_num_queries
):
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=7)
    start -= timedelta(days=start.weekday())
    cohort = SessionFactory(starts_at=start).cohort
    for n in range(1, rows):
        SessionFactory(cohort=cohort, starts_at=start + timedelta(minutes=n))
    with django_assert_num_queries(3):
        page = client.get(reverse("sessions:programme_week"), {"week": start.strftime("%Y-%m-%d")})
    assert page.text.count("booked") >= rows


@pytest.mark.parametrize("rows", [1, 50])
def test_the_schedule_costs_the_same_queries_for_1_and_50_sessions(client, rows, django_assert_num_queries):
    session = SessionFactory()
    student = confirmed_student(session.cohort)
    for _ in range(1, rows):
        SessionFactory(cohort=session.cohort)
    client.force_login(student)
    # One of them is the menu asking once whether the student holds a confirmed place.
    with django_assert_num_queries(7):
        page = client.get(reverse("sessions:schedule"))
    assert page.text.count("Book a seat<span") == rows


def test_the_register_checks_people_in_with_htmx(client, coordinator):
    # Started, so check-in is open at any hour (twenty minutes ahead is tomorrow after 23:40).
    session = SessionFactory(capacity=1, starts_at=timezone.now() - timedelta(minutes=10))
    seat = BookingFactory(session=session)
    waiting = bookings.book(
        session=session, participant=confirmed_student(session.cohort), at=session.starts_at - timedelta(days=1)
    )
    register = client.get(reverse("sessions:register", args=[session.pk]))
    assert seat.participant.email in register.text
    assert waiting.participant.email in register.text
    assert "Print the register" in register.text
    url = reverse("sessions:check_in", args=[session.pk, seat.pk])
    fragment = client.post(url, {"status": "attended"}, headers={"HX-Request": "true"})
    assert "Checked in" in fragment.text
    assert "<html" not in fragment.text
    seat.refresh_from_db()
    assert seat.status == BookingStatus.ATTENDED
    client.post(url, {"status": "booked"}, headers={"HX-Request": "true"})
    seat.refresh_from_db()
    assert seat.status == BookingStatus.BOOKED
    client.post(reverse("sessions:check_in", args=[session.pk, waiting.pk]), {"status": "attended"})
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.WAITLISTED
    other = SessionFactory()
    assert (
        client.post(reverse("sessions:check_in", args=[other.pk, seat.pk]), {"status": "attended"}).status_code == 404
    )


def test_feedback_results_show_on_the_session_page(client, coordinator):
    session = SessionFactory()
    for rating, comment in [(5, "Brilliant speakers"), (3, "")]:
        booking = BookingFactory(session=session, status=BookingStatus.ATTENDED)
        Feedback.objects.create(session=session, participant=booking.participant, rating=rating, comment=comment)
    page = client.get(reverse("sessions:manage_detail", args=[session.pk]))
    assert "2 responses, average rating 4.0 out of 5" in page.text
    assert "Brilliant speakers" in page.text


def as_it_is(session, **overrides):
    """The edit form's data for the session as saved, with `overrides`: an edit that moves nothing."""
    return form_data(
        session.cohort,
        title=session.title,
        kind=session.kind,
        starts_at=timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M"),
        ends_at=timezone.localtime(session.ends_at).strftime("%Y-%m-%dT%H:%M"),
        format=session.format,
        venue=session.venue,
        address=session.address,
        join_url=session.join_url,
        capacity=str(session.capacity),
        **overrides,
    )


def test_raising_capacity_over_a_waitlist_names_whom_it_seats_and_asks_first(client, coordinator):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    waiting = bookings.book(session=session, participant=confirmed_student(session.cohort))
    url = reverse("sessions:edit", args=[session.pk])
    data = {**as_it_is(session), "capacity": "2"}
    confirm = client.post(url, data).text
    assert "Give 1 person a seat" in confirm and waiting.participant.email in confirm
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.WAITLISTED and Session.objects.get(pk=session.pk).capacity == 1

    done = client.post(url, {**data, "audience": audience_in(confirm)})
    assert done.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.BOOKED
    assert OutboxMessage.objects.filter(to=waiting.participant.email, key__contains=":promoted:").count() == 1


def test_a_waitlist_that_changed_since_the_confirmation_seats_nobody(client, coordinator):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    first = bookings.book(session=session, participant=confirmed_student(session.cohort))
    url = reverse("sessions:edit", args=[session.pk])
    data = {**as_it_is(session), "capacity": "2"}
    confirm = client.post(url, data).text
    bookings.cancel_booking(booking=first)
    bookings.book(session=session, participant=confirmed_student(session.cohort))
    again = client.post(url, {**data, "audience": audience_in(confirm)})
    assert "The list changed since you opened this confirmation" in again.text
    assert Session.objects.get(pk=session.pk).capacity == 1


def test_raising_capacity_with_nobody_waiting_saves_at_once(client, coordinator):
    session = SessionFactory(capacity=1)
    response = client.post(reverse("sessions:edit", args=[session.pk]), {**as_it_is(session), "capacity": "5"})
    assert response.status_code == 302 and Session.objects.get(pk=session.pk).capacity == 5
