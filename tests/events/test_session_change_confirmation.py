"""Cancelling or moving a session asks first: everyone it tells, with the email each reads; the
confirmation's fingerprint stops a change whose audience changed meanwhile, and a second post
tells nobody again. An edit that moves nothing, or a session nobody booked, asks nothing."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from programmes.events.models import Session, SessionStatus
from tests.events.test_sessions_coordinator import form_data
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_sessions import BookingFactory, OnlineSessionFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = CoordinatorFactory()
    client.force_login(user)
    return user


def audience_in(page):
    return re.search(r'name="audience" value="([0-9a-f]+)"', page).group(1)


def told(session):
    return OutboxMessage.objects.filter(key__startswith=f"session-update:{session.pk}:")


def test_a_cancellation_with_a_new_booking_since_the_preview_tells_nobody(client, coordinator):
    session = SessionFactory(capacity=5)
    BookingFactory(session=session)
    audience = audience_in(client.get(reverse("sessions:cancel", args=[session.pk])).text)
    BookingFactory(session=session)
    page = client.post(reverse("sessions:cancel", args=[session.pk]), {"audience": audience}).text
    assert "The list changed since you opened this confirmation, so nothing was sent." in page
    assert Session.objects.get(pk=session.pk).status == SessionStatus.SCHEDULED and not told(session).exists()
    client.post(reverse("sessions:cancel", args=[session.pk]), {"audience": audience_in(page)})
    assert told(session).count() == 2


def test_a_second_cancel_post_tells_nobody_again(client, coordinator, run_on_commit, mailoutbox):
    session = SessionFactory()
    BookingFactory(session=session)
    posted = {"audience": audience_in(client.get(reverse("sessions:cancel", args=[session.pk])).text)}
    with run_on_commit():
        client.post(reverse("sessions:cancel", args=[session.pk]), posted)
    with run_on_commit():
        second = client.post(reverse("sessions:cancel", args=[session.pk]), posted, follow=True)
    assert "already cancelled; nobody was told again" in second.text
    assert told(session).count() == 1 and len(mailoutbox) == 1


def test_a_session_nobody_booked_cancels_with_one_click_on_the_page(client, coordinator):
    session = SessionFactory()
    page = client.get(reverse("sessions:cancel", args=[session.pk])).text
    assert "Nobody has booked it yet" in page
    client.post(reverse("sessions:cancel", args=[session.pk]), {"audience": audience_in(page)})
    assert Session.objects.get(pk=session.pk).status == SessionStatus.CANCELLED


def test_a_move_confirmed_after_someone_booked_saves_nothing(client, coordinator):
    session = SessionFactory(capacity=5)
    BookingFactory(session=session)
    data = form_data(session.cohort, title=session.title)
    confirm = client.post(reverse("sessions:edit", args=[session.pk]), data).text
    assert "Move “" in confirm and "Save and tell 1 person" in confirm
    BookingFactory(session=session)
    page = client.post(reverse("sessions:edit", args=[session.pk]), {**data, "audience": audience_in(confirm)}).text
    assert "nothing was sent" in page and "Save and tell 2 people" in page
    assert Session.objects.get(pk=session.pk).sequence == session.sequence and not told(session).exists()


def test_an_edit_that_moves_nothing_asks_nothing(client, coordinator):
    session = OnlineSessionFactory(capacity=5)
    BookingFactory(session=session)
    local = "%Y-%m-%dT%H:%M"
    data = form_data(
        session.cohort,
        title="A better title",
        starts_at=timezone.localtime(session.starts_at).strftime(local),
        ends_at=timezone.localtime(session.ends_at).strftime(local),
        join_url=session.join_url,
    )
    response = client.post(reverse("sessions:edit", args=[session.pk]), data, follow=True)
    assert "Session saved" in response.text and Session.objects.get(pk=session.pk).title == "A better title"
    assert not told(session).exists()


def test_staff_cannot_open_the_cancel_confirmation(client):
    session = SessionFactory()
    client.force_login(StaffFactory())
    assert client.get(reverse("sessions:cancel", args=[session.pk])).status_code == 403


@pytest.mark.parametrize("rows", [1, 50])
def test_cancel_confirmation_query_count_does_not_grow_with_bookings(
    client, coordinator, django_assert_num_queries, rows
):
    session = SessionFactory(capacity=100)
    BookingFactory.create_batch(rows, session=session)
    client.get(reverse("sessions:cancel", args=[session.pk]))
    # session, user, the session with its counts, its pathways, the people told
    with django_assert_num_queries(5):
        page = client.get(reverse("sessions:cancel", args=[session.pk])).text
    assert page.count("<details") == rows
