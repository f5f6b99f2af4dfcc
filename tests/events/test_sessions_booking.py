import pytest
from django.urls import reverse

from ftl_portal.outbox.models import OutboxMessage
from programmes.events.models import BookingStatus, Session
from programmes.events.services import bookings
from tests.factories import CoordinatorFactory, PartnerFactory, StudentFactory
from tests.factories_sessions import OnlineSessionFactory, SessionFactory, confirmed_student

pytestmark = pytest.mark.django_db


def booked_emails(to):
    return list(OutboxMessage.objects.filter(to=to).order_by("id"))


def test_a_confirmed_student_books_in_one_click_and_gets_the_invite(client):
    session = SessionFactory(capacity=2)
    student = confirmed_student(session.cohort)
    client.force_login(student)
    response = client.post(reverse("sessions:book", args=[session.pk]), follow=True)
    assert "Your seat is booked" in response.text
    assert "Booked" in response.text
    session.refresh_from_db()
    assert session.seats_taken == 1
    (email,) = booked_emails(student.email)
    booking = student.bookings.get()
    assert email.key == f"booking:{booking.pk}:booked:0"
    assert email.attachments[0]["filename"] == "invite.ics"
    assert "METHOD:REQUEST" in email.attachments[0]["content"]


def test_booking_twice_is_one_booking(client):
    session = SessionFactory()
    student = confirmed_student(session.cohort)
    client.force_login(student)
    client.post(reverse("sessions:book", args=[session.pk]))
    client.post(reverse("sessions:book", args=[session.pk]))
    assert student.bookings.count() == 1
    session.refresh_from_db()
    assert session.seats_taken == 1
    assert OutboxMessage.objects.filter(to=student.email).count() == 1


def test_a_full_session_offers_the_waitlist_and_a_freed_seat_goes_to_the_first_waiting():
    session = SessionFactory(capacity=1)
    first, second, third = (confirmed_student(session.cohort) for _ in range(3))
    seat = bookings.book(session=session, participant=first)
    waiting_1 = bookings.book(session=session, participant=second)
    waiting_2 = bookings.book(session=session, participant=third)
    assert [seat.status, waiting_1.status, waiting_2.status] == ["booked", "waitlisted", "waitlisted"]
    assert "waitlist" in OutboxMessage.objects.get(to=second.email).body_text

    bookings.cancel_booking(booking=seat)

    waiting_1.refresh_from_db()
    waiting_2.refresh_from_db()
    assert waiting_1.status == BookingStatus.BOOKED
    assert waiting_2.status == BookingStatus.WAITLISTED
    promoted = OutboxMessage.objects.get(to=second.email, key__contains=":promoted:")
    assert "now yours" in promoted.body_text
    assert "METHOD:REQUEST" in promoted.attachments[0]["content"]
    cancelled = OutboxMessage.objects.get(to=first.email, key__contains=":cancelled:")
    assert "METHOD:CANCEL" in cancelled.attachments[0]["content"]
    assert Session.objects.get(pk=session.pk).seats_taken == 1


def test_the_schedule_button_says_waitlist_when_full(client):
    session = SessionFactory(capacity=1)
    bookings.book(session=session, participant=confirmed_student(session.cohort))
    student = confirmed_student(session.cohort)
    client.force_login(student)
    assert "Join the waitlist" in client.get(reverse("sessions:schedule")).text
    response = client.post(reverse("sessions:book", args=[session.pk]), follow=True)
    assert "you are on the waitlist" in response.text
    assert "You are number 1 on the waitlist" in response.text
    client.force_login(confirmed_student(session.cohort))
    response = client.post(reverse("sessions:book", args=[session.pk]), follow=True)
    assert "You are number 2 on the waitlist" in response.text


def test_the_join_link_is_shown_only_to_people_with_a_seat(client):
    session = OnlineSessionFactory(capacity=1)
    booked, waiting = confirmed_student(session.cohort), confirmed_student(session.cohort)
    bookings.book(session=session, participant=booked)
    bookings.book(session=session, participant=waiting)
    url = reverse("sessions:detail", args=[session.pk])
    client.force_login(booked)
    assert session.join_url in client.get(url).text
    for person in (waiting, confirmed_student(session.cohort)):
        client.force_login(person)
        page = client.get(url)
        assert page.status_code == 200
        assert session.join_url not in page.text
        assert client.get(reverse("sessions:invite", args=[session.pk])).status_code == 404
    for email in OutboxMessage.objects.filter(to=waiting.email):
        assert session.join_url not in email.body_text


def test_a_student_of_one_university_cannot_book_a_session_for_the_other(client):
    warwick, aru = PartnerFactory(), PartnerFactory()
    session = SessionFactory(audience_partner=warwick)
    aru_student = confirmed_student(session.cohort, partner=aru)
    client.force_login(aru_student)
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 404
    assert client.post(reverse("sessions:book", args=[session.pk])).status_code == 404
    assert session.title not in client.get(reverse("sessions:schedule")).text
    with pytest.raises(bookings.BookingRefused):
        bookings.book(session=session, participant=aru_student)
    assert not aru_student.bookings.exists()

    warwick_student = confirmed_student(session.cohort, partner=warwick)
    client.force_login(warwick_student)
    client.post(reverse("sessions:book", args=[session.pk]))
    assert warwick_student.bookings.get().status == BookingStatus.BOOKED


def test_a_student_without_a_confirmed_place_sees_no_sessions(client):
    session = SessionFactory()
    student = StudentFactory()
    client.force_login(student)
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 404
    assert client.post(reverse("sessions:book", args=[session.pk])).status_code == 404
    assert "once your place is confirmed" in client.get(reverse("sessions:schedule")).text


def test_coordinator_pages_are_forbidden_to_students(client):
    session = SessionFactory()
    client.force_login(confirmed_student(session.cohort))
    for name, args in [("programme_week", []), ("create", []), ("register", [session.pk]), ("edit", [session.pk])]:
        assert client.get(reverse(f"sessions:{name}", args=args)).status_code == 403


def test_students_cancel_their_own_seat_only(client):
    session = SessionFactory()
    owner, other = confirmed_student(session.cohort), confirmed_student(session.cohort)
    bookings.book(session=session, participant=owner)
    client.force_login(other)
    assert client.post(reverse("sessions:cancel_booking", args=[session.pk])).status_code == 404
    client.force_login(owner)
    response = client.post(reverse("sessions:cancel_booking", args=[session.pk]), follow=True)
    assert "Your booking is cancelled" in response.text
    assert owner.bookings.get().status == BookingStatus.CANCELLED


def test_no_booking_after_the_start_or_on_a_cancelled_session(client):
    from django.utils import timezone

    started = SessionFactory(starts_at=timezone.now() - timezone.timedelta(minutes=5))
    student = confirmed_student(started.cohort)
    with pytest.raises(bookings.BookingRefused, match="already started"):
        bookings.book(session=started, participant=student)
    cancelled = SessionFactory(cohort=started.cohort, status="cancelled")
    client.force_login(student)
    assert "Book a seat" not in client.get(reverse("sessions:detail", args=[cancelled.pk])).text
    response = client.post(reverse("sessions:book", args=[cancelled.pk]), follow=True)
    assert "has been cancelled" in response.text
    assert not student.bookings.exists()


def test_the_student_dashboard_lists_sessions_and_their_bookings(client):
    session = SessionFactory(title="Careers in regulatory affairs")
    student = confirmed_student(session.cohort)
    bookings.book(session=session, participant=student)
    client.force_login(student)
    page = client.get(reverse("dashboard"))
    assert "Careers in regulatory affairs" in page.text
    assert "Booked" in page.text
    assert "Cancel my seat" in page.text


def test_the_coordinator_dashboard_shows_upcoming_sessions(client):
    session = SessionFactory(title="Networking evening", capacity=5)
    bookings.book(session=session, participant=confirmed_student(session.cohort))
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("dashboard"))
    assert "Networking evening" in page.text
    assert "1/5 booked" in page.text
