"""Interview slots: booked by invited applicants only, one each, one seat each, with the calendar
invite and the cohort's reminders; never on the programme's schedule."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import Application, ApplicationState, InterviewInvitation
from programmes.admissions.services.student_applications import withdraw
from programmes.completion.progress import progress_of
from programmes.events.forms import SessionForm
from programmes.events.models import Booking, BookingStatus, Session, SessionFormat, SessionKind
from programmes.events.selectors import attendance_report
from programmes.events.services import bookings, interviews, reminders, sessions
from tests.factories import CoordinatorFactory, StudentFactory
from tests.factories_interviews import InterviewSlotFactory, interviewing_cohort, invited
from tests.factories_reviews import SubmittedApplicationFactory
from tests.factories_sessions import confirmed_student

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    return interviewing_cohort()


@pytest.fixture
def slot(seat):
    return InterviewSlotFactory(cohort=seat.cohort)


def test_an_invited_applicant_books_a_slot_and_gets_the_calendar_invite(client, seat, slot):
    application = invited(seat)
    client.force_login(application.student)
    page = client.get(reverse("sessions:interview", args=[seat.cohort.pk])).content.decode()
    assert "Free slots" in page and ("GMT" in page or "BST" in page)
    response = client.post(reverse("sessions:interview_book", args=[seat.cohort.pk, slot.pk]))
    assert response.status_code == 302
    booking = Booking.objects.get(session=slot)
    assert booking.participant == application.student and booking.status == BookingStatus.BOOKED
    message = OutboxMessage.objects.get(to=application.student.email, key__startswith="booking:")
    (invite,) = message.attachments
    assert "BEGIN:VEVENT" in invite["content"] and "METHOD:REQUEST" in invite["content"]
    assert reverse("sessions:interview", args=[seat.cohort.pk]) in message.body_text
    assert InterviewInvitation.objects.get(application=application).slot_starts_at == slot.starts_at
    page = client.get(reverse("sessions:interview", args=[seat.cohort.pk])).content.decode()
    assert "Download the calendar invite" in page
    assert client.get(reverse("sessions:invite", args=[slot.pk])).status_code == 200


def test_someone_not_invited_gets_404_and_cannot_book(client, seat, slot):
    shortlisted_only = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    client.force_login(shortlisted_only.student)
    assert client.get(reverse("sessions:interview", args=[seat.cohort.pk])).status_code == 404
    assert client.post(reverse("sessions:interview_book", args=[seat.cohort.pk, slot.pk])).status_code == 404
    with pytest.raises(bookings.BookingRefused, match="Only applicants invited"):
        interviews.book_interview(session=slot, student=shortlisted_only.student)
    assert not Booking.objects.exists()


def test_a_taken_slot_is_refused_not_waitlisted(seat, slot):
    first, second = invited(seat), invited(seat)
    interviews.book_interview(session=slot, student=first.student)
    with pytest.raises(bookings.BookingRefused, match="Someone has just booked this slot"):
        interviews.book_interview(session=slot, student=second.student)
    assert list(Booking.objects.values_list("status", flat=True)) == [BookingStatus.BOOKED]


def test_an_applicant_holds_one_slot_and_cancels_to_change(client, seat, slot):
    application = invited(seat)
    later = InterviewSlotFactory(cohort=seat.cohort, starts_at=slot.starts_at + timedelta(hours=1))
    interviews.book_interview(session=slot, student=application.student)
    assert interviews.book_interview(session=slot, student=application.student).session_id == slot.pk
    with pytest.raises(bookings.BookingRefused, match="already have an interview slot"):
        interviews.book_interview(session=later, student=application.student)
    client.force_login(application.student)
    client.post(reverse("sessions:interview_cancel", args=[seat.cohort.pk]))
    assert Session.objects.get(pk=slot.pk).seats_taken == 0
    assert InterviewInvitation.objects.get(application=application).slot_starts_at is None
    assert InterviewInvitation.objects.get(application=application).slot_starts_at is None
    interviews.book_interview(session=later, student=application.student)
    assert InterviewInvitation.objects.get(application=application).slot_starts_at == later.starts_at


def test_a_started_or_cancelled_slot_cannot_be_booked(seat, slot):
    application = invited(seat)
    with pytest.raises(bookings.BookingRefused, match="already started"):
        interviews.book_interview(session=slot, student=application.student, at=slot.starts_at)
    Session.objects.filter(pk=slot.pk).update(status="cancelled")
    with pytest.raises(bookings.BookingRefused, match="no longer offered"):
        interviews.book_interview(session=slot, student=application.student)


def test_interview_slots_stay_off_the_schedule_and_the_ordinary_booking(client, seat, slot):
    participant = confirmed_student(seat.cohort, seat.partner)
    client.force_login(participant)
    assert slot.title not in client.get(reverse("sessions:schedule")).content.decode()
    assert client.get(reverse("sessions:detail", args=[slot.pk])).status_code == 404
    with pytest.raises(bookings.BookingRefused):
        bookings.book(session=slot, participant=participant)


def test_the_reminder_scan_reminds_interviewees_with_a_link_to_their_interview(seat, slot):
    application = invited(seat)
    interviews.book_interview(session=slot, student=application.student, at=slot.starts_at - timedelta(days=3))
    reminders.scan_reminders(now=slot.starts_at - timedelta(hours=23))
    (reminder,) = OutboxMessage.objects.filter(key__startswith="reminder:")
    assert reminder.to == application.student.email
    assert reverse("sessions:interview", args=[seat.cohort.pk]) in reminder.body_text


def test_a_coordinator_adds_slots_and_sees_who_booked(client, seat):
    application = invited(seat, student__full_name="Ada Okafor")
    client.force_login(CoordinatorFactory())
    url = reverse("sessions:interview_slots", args=[seat.cohort.pk])
    start = (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    response = client.post(
        url,
        {
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "count": 3,
            "minutes": 20,
            "format": SessionFormat.ONLINE,
            "join_url": "https://meet.example.org/interviews",
        },
    )
    assert response.status_code == 302
    slots = list(Session.objects.filter(kind=SessionKind.INTERVIEW).order_by("starts_at"))
    assert [s.capacity for s in slots] == [1, 1, 1]
    assert slots[2].starts_at - slots[0].starts_at == timedelta(minutes=40)
    interviews.book_interview(session=slots[1], student=application.student)
    page = client.get(url).content.decode()
    assert "Ada Okafor" in page and page.count("Free") == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"count": 3, "minutes": 20, "format": "online"}, "Online slots need the link"),
        ({"count": 3, "minutes": 20, "format": "in_person"}, "In-person slots need a venue"),
        ({"count": 0, "minutes": 20, "format": "in_person", "venue": "BioCity"}, "greater than or equal to 1"),
        ({"count": 3, "minutes": 500, "format": "in_person", "venue": "BioCity"}, "less than or equal to 180"),
    ],
)
def test_bad_slot_input_is_explained_and_nothing_is_made(client, seat, data, message):
    client.force_login(CoordinatorFactory())
    start = timezone.localtime() + timedelta(days=3)
    response = client.post(
        reverse("sessions:interview_slots", args=[seat.cohort.pk]),
        {"starts_at": start.strftime("%Y-%m-%dT%H:%M"), **data},
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Session.objects.exists()


def test_slots_in_the_past_are_refused(seat):
    with pytest.raises(bookings.BookingRefused, match="in the future"):
        interviews.create_slots(
            cohort=seat.cohort,
            actor=CoordinatorFactory(),
            starts_at=timezone.now() - timedelta(hours=1),
            count=1,
            minutes=30,
            format=SessionFormat.IN_PERSON,
            venue="BioCity",
        )


@pytest.mark.parametrize(("who", "status"), [("student", 403), ("coordinator", 200)])
def test_the_slots_page_is_for_coordinators(client, seat, who, status):
    client.force_login(StudentFactory() if who == "student" else CoordinatorFactory())
    assert client.get(reverse("sessions:interview_slots", args=[seat.cohort.pk])).status_code == status


@pytest.mark.parametrize("rows", [1, 10])
def test_the_slots_page_query_count_is_flat(client, seat, django_assert_num_queries, rows):
    for n in range(rows):
        slot = InterviewSlotFactory(cohort=seat.cohort, starts_at=timezone.now() + timedelta(days=2, hours=n))
        interviews.book_interview(session=slot, student=invited(seat).student)
    client.force_login(CoordinatorFactory())
    url = reverse("sessions:interview_slots", args=[seat.cohort.pk])
    client.get(url)
    with django_assert_num_queries(7):  # the slots with who holds them; those waiting and the free slots counted
        assert client.get(url).status_code == 200


def test_a_withdrawn_applicant_frees_their_slot(seat, slot):
    application = invited(seat)
    interviews.book_interview(session=slot, student=application.student)
    withdraw(application=application, student=application.student)
    assert Session.objects.get(pk=slot.pk).seats_taken == 0
    assert InterviewInvitation.objects.get(application=application).slot_starts_at is None


def test_an_attended_interview_counts_for_no_completion_or_attendance_figure(seat, slot):
    application = invited(seat)
    interviews.book_interview(session=slot, student=application.student, at=slot.starts_at - timedelta(days=1))
    Booking.objects.filter(session=slot).update(status=BookingStatus.ATTENDED)
    Session.objects.filter(pk=slot.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    Application.objects.filter(pk=application.pk).update(state=ApplicationState.CONFIRMED)
    assert progress_of(cohort=seat.cohort)[application.student_id].attended == 0
    report = attendance_report(user=CoordinatorFactory(), cohort=seat.cohort)
    assert report["sessions"] == [] and report["overall"]["seated"] == 0


def test_the_booking_email_speaks_of_an_interview(seat, slot):
    application = invited(seat)
    interviews.book_interview(session=slot, student=application.student)
    body = OutboxMessage.objects.get(key__startswith="booking:").body_text
    assert "Your interview is booked" in body and "choose another slot" in body and "waitlist" not in body


def test_moving_or_cancelling_a_slot_updates_the_invitation_and_frees_the_applicant(seat, slot):
    application = invited(seat)
    interviews.book_interview(session=slot, student=application.student)
    later = slot.starts_at + timedelta(hours=2)
    sessions.update_session(session=slot, starts_at=later, ends_at=later + timedelta(minutes=30))
    assert InterviewInvitation.objects.get(application=application).slot_starts_at == later
    sessions.cancel_session(session=slot)
    assert InterviewInvitation.objects.get(application=application).slot_starts_at is None
    other = InterviewSlotFactory(cohort=seat.cohort)
    assert interviews.book_interview(session=other, student=application.student).session_id == other.pk


def test_the_general_session_form_offers_no_interview_kind_for_a_new_session():
    assert SessionKind.INTERVIEW not in dict(SessionForm().fields["kind"].choices)
    assert SessionKind.INTERVIEW in dict(SessionForm(instance=InterviewSlotFactory()).fields["kind"].choices)
