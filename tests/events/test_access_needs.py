"""Access needs on an application and a booking: coordinators read the text on its own page; the
register shows only a badge; university staff and reviewers never see it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.admissions.models import Application
from programmes.events.models import Booking, BookingStatus
from tests.factories import ApplicationFactory, CoordinatorFactory, StaffFactory
from tests.factories_sessions import BookingFactory, SessionFactory

APPLICATION_NOTE = "Step-free access please: I use a wheelchair-7Q."
BOOKING_NOTE = "A hearing loop for this talk-9Z."


@pytest.fixture
def noted(db):
    booking = BookingFactory(session=SessionFactory(), access_needs=BOOKING_NOTE)
    application = Application.objects.get(student=booking.participant, cohort=booking.session.cohort)
    Application.objects.filter(pk=application.pk).update(
        access_needs=APPLICATION_NOTE, submitted_at="2026-01-01T10:00Z"
    )
    return {"booking": booking, "application": application, "staff": StaffFactory(partner=application.partner)}


def test_the_application_has_an_optional_access_needs_section(client, db):
    application = ApplicationFactory()
    client.force_login(application.student)
    url = reverse("application_section", args=[application.pk, "access-needs"])
    page = client.get(url).content.decode()
    assert "seen only by Medilink coordinators and the session" in page
    client.post(url, {"access_needs": "  Large print handouts.  "})
    application.refresh_from_db()
    assert application.access_needs == "Large print handouts."
    tasks = client.get(reverse("application_tasks", args=[application.pk])).content.decode()
    assert "Access needs (optional)" in tasks


def test_a_student_records_access_needs_on_their_booking(client, db):
    booking = BookingFactory()
    client.force_login(booking.participant)
    detail = reverse("sessions:detail", args=[booking.session_id])
    assert "Access needs" in client.get(detail).content.decode()
    client.post(reverse("sessions:access_needs", args=[booking.session_id]), {"access_needs": BOOKING_NOTE})
    assert Booking.objects.get(pk=booking.pk).access_needs == BOOKING_NOTE
    response = client.post(reverse("sessions:access_needs", args=[booking.session_id]), {"access_needs": "x" * 2001})
    assert response.status_code == 302 and Booking.objects.get(pk=booking.pk).access_needs == BOOKING_NOTE
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CANCELLED)
    response = client.post(
        reverse("sessions:access_needs", args=[booking.session_id]), {"access_needs": "New"}, follow=True
    )
    assert "Book the session again" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).access_needs == BOOKING_NOTE


def test_the_register_shows_a_badge_and_the_note_page_the_text(client, noted):
    booking = noted["booking"]
    client.force_login(CoordinatorFactory())
    register = client.get(reverse("sessions:register", args=[booking.session_id])).content.decode()
    note_url = reverse("sessions:access_note", args=[booking.session_id, booking.pk])
    assert "Access note" in register and note_url in register
    assert BOOKING_NOTE not in register and APPLICATION_NOTE not in register
    note = client.get(note_url).content.decode()
    assert BOOKING_NOTE in note and APPLICATION_NOTE in note


def test_no_badge_without_a_note(client, db):
    booking = BookingFactory()
    client.force_login(CoordinatorFactory())
    register = client.get(reverse("sessions:register", args=[booking.session_id])).content.decode()
    assert 'data-testid="access-note"' not in register


def test_staff_and_reviewers_never_see_access_needs(client, noted):
    application = noted["application"]
    pages = [
        reverse("review_queue"),
        reverse("review_export"),
        reverse("decision_board"),
        reverse("dashboard"),
        reverse("review_application", args=[application.pk]),
    ]
    for who in (noted["staff"], CoordinatorFactory()):
        client.force_login(who)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert APPLICATION_NOTE not in body and BOOKING_NOTE not in body, url
    client.force_login(noted["staff"])
    note_url = reverse("sessions:access_note", args=[noted["booking"].session_id, noted["booking"].pk])
    assert client.get(note_url).status_code == 403
    assert client.get(reverse("sessions:register", args=[noted["booking"].session_id])).status_code == 403


def test_the_registers_badges_cost_no_query_per_person(client, db):
    session = SessionFactory(capacity=20)
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    url = reverse("sessions:register", args=[session.pk])
    BookingFactory(session=session, access_needs=BOOKING_NOTE)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        booking = BookingFactory(session=session)
        Application.objects.filter(student=booking.participant).update(access_needs=APPLICATION_NOTE)
    with CaptureQueriesContext(connection) as six:
        page = client.get(url).content.decode()
    assert page.count('data-testid="access-note"') == 6
    assert len(six.captured_queries) == len(one.captured_queries)
