"""Attendance that is true: check-in opens on the day, an hour before the start; the room's QR code
checks in seat holders while fresh; the cohort report; one follow-up email per no-show."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from programmes.events import tasks
from programmes.events.models import BookingStatus
from programmes.events.services import attendance
from programmes.events.tokens import check_in_token
from tests.factories import CoordinatorFactory, PartnerFactory, StudentFactory
from tests.factories_sessions import BookingFactory, SessionFactory, confirmed_student

pytestmark = pytest.mark.django_db


def session_at(start, **fields):
    return SessionFactory(starts_at=start, ends_at=start + timedelta(hours=2), **fields)


def afternoon_in(*, days):
    return (timezone.localtime() + timedelta(days=days)).replace(hour=14, minute=0, second=0, microsecond=0)


def test_check_in_is_refused_before_the_window_and_allowed_inside_it():
    # In the afternoon: an hour before a start just after midnight is the day before, when check-in is shut.
    start = afternoon_in(days=3)
    booking = BookingFactory(session=session_at(start))
    with pytest.raises(attendance.CheckInRefused, match="Check-in for this session opens at"):
        attendance.set_attendance(booking=booking, status=BookingStatus.ATTENDED, now=start - timedelta(minutes=61))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    done = attendance.set_attendance(booking=booking, status=BookingStatus.ATTENDED, now=start - timedelta(minutes=59))
    assert done.status == BookingStatus.ATTENDED


def test_check_in_never_opens_before_the_sessions_own_day():
    start = timezone.make_aware(timezone.datetime(2027, 3, 10, 0, 30))
    session = session_at(start)
    assert session.check_in_opens_at == timezone.make_aware(timezone.datetime(2027, 3, 10, 0, 0))


def test_no_show_only_once_the_session_has_started():
    start = afternoon_in(days=3)
    booking = BookingFactory(session=session_at(start))
    with pytest.raises(attendance.CheckInRefused, match="once the session has started"):
        attendance.set_attendance(booking=booking, status=BookingStatus.NO_SHOW, now=start - timedelta(minutes=30))
    assert attendance.set_attendance(booking=booking, status=BookingStatus.NO_SHOW, now=start).status == "no_show"


def test_a_future_booking_cannot_be_attended_nor_shown_as_attended(client):
    booking = BookingFactory()  # ten days ahead
    client.force_login(CoordinatorFactory())
    url = reverse("sessions:check_in", args=[booking.session_id, booking.pk])
    fragment = client.post(url, {"status": "attended"}, headers={"HX-Request": "true"})
    assert "Check-in for this session opens at" in fragment.text
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    register = client.get(reverse("sessions:register", args=[booking.session_id]))
    assert "aria-pressed" not in register.text and "Check-in opens" in register.text

    # Attendance kept before the session moved later is not shown as attended to the student.
    type(booking).objects.filter(pk=booking.pk).update(status=BookingStatus.ATTENDED)
    client.force_login(booking.participant)
    for page in (reverse("sessions:schedule"), reverse("sessions:detail", args=[booking.session_id])):
        text = client.get(page).text
        assert "Attended" not in text and "Booked" in text


def test_the_register_checks_in_and_marks_no_shows_inside_the_window(client):
    booking = BookingFactory(session=session_at(timezone.now() - timedelta(minutes=10)))
    client.force_login(CoordinatorFactory())
    url = reverse("sessions:check_in", args=[booking.session_id, booking.pk])
    assert "Checked in" in client.post(url, {"status": "attended"}, headers={"HX-Request": "true"}).text
    client.post(url, {"status": "no_show"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW
    assert "Choose checked in" in client.post(url, {"status": "waitlisted"}, follow=True).text


@pytest.fixture
def open_session():
    # Started ten minutes ago, so check-in is open at any hour: a start still to come would be
    # tomorrow after 23:30, and check-in never opens before the session's own day.
    return session_at(timezone.now() - timedelta(minutes=10))


def test_the_check_in_code_page_shows_an_inline_qr_code_and_refreshes(client, open_session):
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("sessions:check_in_code", args=[open_session.pk]))
    assert "<svg" in page.text and 'hx-trigger="every 60s"' in page.text
    assert "/sessions/check-in/" in page.text
    fragment = client.get(reverse("sessions:check_in_code", args=[open_session.pk]), headers={"HX-Request": "true"})
    assert "<svg" in fragment.text and "<html" not in fragment.text
    later = session_at(timezone.now() + timedelta(days=4))
    assert "Check-in is open from" in client.get(reverse("sessions:check_in_code", args=[later.pk])).text
    client.force_login(StudentFactory())
    assert client.get(reverse("sessions:check_in_code", args=[open_session.pk])).status_code == 403


def test_a_fresh_code_checks_in_a_seat_holder(client, open_session):
    booking = BookingFactory(session=open_session)
    url = reverse("sessions:self_check_in", args=[check_in_token(open_session, now=timezone.now())])
    assert client.get(url).status_code == 302  # signed out: to the login page first
    client.force_login(booking.participant)
    confirm = client.get(url)
    assert "check me in" in confirm.text and open_session.title in confirm.text
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED  # only the confirmation checks in
    landed = client.post(url, follow=True)
    assert "You are checked in" in landed.text
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ATTENDED


def test_an_expired_forged_or_seatless_code_is_refused(client, open_session):
    booking = BookingFactory(session=open_session)
    client.force_login(booking.participant)
    stale = check_in_token(open_session, now=timezone.now() - timedelta(minutes=6))
    response = client.post(reverse("sessions:self_check_in", args=[stale]))
    assert response.status_code == 400 and "This check-in code has expired" in response.text
    forged = check_in_token(open_session, now=timezone.now())[:-2] + "xx"
    assert "This check-in code is not valid" in client.post(reverse("sessions:self_check_in", args=[forged])).text
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED

    client.force_login(confirmed_student(open_session.cohort))
    fresh = reverse("sessions:self_check_in", args=[check_in_token(open_session, now=timezone.now())])
    assert "You do not have a seat on this session" in client.get(fresh).text
    assert "You do not have a seat on this session" in client.post(fresh).text


def test_a_code_for_a_session_not_yet_open_is_refused(client):
    later = session_at(timezone.now() + timedelta(days=2))
    booking = BookingFactory(session=later)
    with pytest.raises(attendance.CheckInRefused, match="opens at"):
        attendance.self_check_in(token=check_in_token(later, now=timezone.now()), participant=booking.participant)


def past_cohort_fixture(sessions=1, people=1):
    """`sessions` past sessions, each with `people` from Warwick (all attended) and one from ARU
    (a no-show), plus a session still to come that is left out."""
    first = session_at(timezone.now() - timedelta(days=20))
    cohort = first.cohort
    warwick, aru = PartnerFactory(name="Warwick"), PartnerFactory(name="ARU")
    students = [confirmed_student(cohort, warwick) for _ in range(people)]
    absent = confirmed_student(cohort, aru)
    past = [first] + [session_at(timezone.now() - timedelta(days=10 + n), cohort=cohort) for n in range(sessions - 1)]
    for session in past:
        for student in students:
            BookingFactory(session=session, participant=student, status=BookingStatus.ATTENDED)
        BookingFactory(session=session, participant=absent, status=BookingStatus.NO_SHOW)
    BookingFactory(session=session_at(timezone.now() + timedelta(days=5), cohort=cohort), participant=absent)
    return cohort, absent


def test_the_report_gives_rates_per_session_university_and_participant(client):
    cohort, absent = past_cohort_fixture(sessions=2, people=3)
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    page = client.get(reverse("sessions:attendance_report"), {"cohort": cohort.pk})
    assert "Overall: 6 of 8 (75%)" in page.text
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("sessions:attendance_report_csv"), {"cohort": cohort.pk}).text))
    )
    by_scope = {}
    for row in rows[1:]:
        by_scope.setdefault(row[0], []).append(row)
    assert [r[5:] for r in by_scope["Session"]] == [["4", "3", "75%"], ["4", "3", "75%"]]
    assert {r[1]: r[5:] for r in by_scope["University"]} == {"ARU": ["2", "0", "0%"], "Warwick": ["6", "6", "100%"]}
    assert len(by_scope["Participant"]) == 4
    assert [r for r in by_scope["Participant"] if r[2] == absent.email][0][5:] == ["2", "0", "0%"]
    assert by_scope["Cohort"][0][5:] == ["8", "6", "75%"]
    client.force_login(StudentFactory())
    assert client.get(reverse("sessions:attendance_report")).status_code == 403


def test_report_cells_are_spreadsheet_safe(client):
    cohort, absent = past_cohort_fixture()
    type(absent).objects.filter(pk=absent.pk).update(full_name="=HYPERLINK(1)")
    client.force_login(CoordinatorFactory())
    text = client.get(reverse("sessions:attendance_report_csv"), {"cohort": cohort.pk}).text
    assert "'=HYPERLINK(1)" in text


@pytest.mark.parametrize("size", [1, 4])
def test_the_report_query_count_does_not_grow(client, django_assert_num_queries, size):
    cohort, _ = past_cohort_fixture(sessions=size, people=size)
    client.force_login(CoordinatorFactory())
    url = reverse("sessions:attendance_report")
    client.get(url, {"cohort": cohort.pk})
    # Session and user, cohorts, then the report's three (sessions, participants, universities) and the page's own.
    with django_assert_num_queries(6):
        client.get(url, {"cohort": cohort.pk})


def test_a_code_is_refused_once_the_session_has_ended():
    session = session_at(timezone.now() - timedelta(hours=3))
    booking = BookingFactory(session=session)
    with pytest.raises(attendance.CheckInRefused, match="This session has ended"):
        attendance.self_check_in(token=check_in_token(session, now=timezone.now()), participant=booking.participant)


def test_each_no_show_is_followed_up_once(settings):
    session = session_at(timezone.now() - timedelta(hours=3))
    no_show = BookingFactory(session=session, status=BookingStatus.NO_SHOW)
    BookingFactory(session=session, status=BookingStatus.ATTENDED)
    erased = BookingFactory(session=session, status=BookingStatus.NO_SHOW)
    type(erased.participant).objects.filter(pk=erased.participant_id).update(is_active=False)
    assert attendance.follow_up_no_shows() == 1
    assert attendance.follow_up_no_shows() == 0
    sent = OutboxMessage.objects.filter(key__startswith="no-show:")
    assert [(m.key, m.to) for m in sent] == [(f"no-show:{no_show.pk}", no_show.participant.email)]
    assert "We missed you at" in sent[0].subject
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "sessions.follow_up_no_shows" in schedule
    assert tasks.follow_up_no_shows.delay().get() == {"no_shows": 0}
