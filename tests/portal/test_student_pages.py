"""Bugs found on the visual tour of the student's pages, each pinned by a test."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.admissions.models import Application
from programmes.admissions.models import ApplicationState as S
from programmes.admissions.services import student_applications
from programmes.cohorts.models import CohortStatus
from programmes.events.models import BookingStatus
from tests.factories import ApplicationFactory, CohortPartnerFactory, StudentFactory
from tests.factories_applications import open_cohort_with_partner
from tests.factories_sessions import BookingFactory, SessionFactory, confirmed_student

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_a_submitted_application_offers_its_answers_read_only_not_a_deadline(client):
    application = ApplicationFactory(state=S.CONFIRMED, submitted_at=timezone.now() - timedelta(days=3))
    client.force_login(application.student)
    dashboard = text(client.get(reverse("application_tasks", args=[application.pk]), follow=True))
    assert "Submit by" not in dashboard
    assert reverse("application_check", args=[application.pk]) in dashboard
    page = text(client.get(reverse("application_check", args=[application.pk])))
    assert "Submit by" not in page and "Check your answers" not in page
    assert f"Your answers to {application.cohort.name}" in page and "Place confirmed" in page


def test_eligibility_preselects_no_level_so_a_skimming_student_is_asked(client):
    cohort, partner = open_cohort_with_partner()
    student = StudentFactory(email=f"someone@{partner.email_domains[0]}")
    client.force_login(student)
    url = reverse("application_start", args=[cohort.slug])
    assert '<option value="" selected>Choose…</option>' in text(client.get(url))
    response = client.post(url, {"partner": partner.pk})
    assert response.status_code == 200 and "This field is required." in text(response)
    assert not Application.objects.filter(student=student).exists()


def test_a_closed_cohort_page_still_leads_the_student_to_their_application(client):
    application = ApplicationFactory(state=S.CONFIRMED, cohort__status=CohortStatus.RUNNING)
    CohortPartnerFactory(cohort=application.cohort, partner=application.partner)
    client.force_login(application.student)
    page = text(client.get(reverse("cohort_detail", args=[application.cohort.slug])))
    assert "not taking applications" in page
    assert reverse("application_tasks", args=[application.pk]) in page


def test_withdrawing_a_confirmed_place_frees_its_seats_for_the_waitlist(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    leaver_booking = BookingFactory(session=session)
    waiting = BookingFactory(session=session, status=BookingStatus.WAITLISTED, waitlisted_at=timezone.now())
    started = SessionFactory(
        cohort=session.cohort,
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    history = BookingFactory(session=started, participant=leaver_booking.participant)
    application = Application.objects.get(student=leaver_booking.participant)

    with django_capture_on_commit_callbacks(execute=True):
        student_applications.withdraw(application=application, student=leaver_booking.participant)

    leaver_booking.refresh_from_db(), waiting.refresh_from_db(), history.refresh_from_db(), session.refresh_from_db()
    assert leaver_booking.status == BookingStatus.CANCELLED
    assert waiting.status == BookingStatus.BOOKED and session.seats_taken == 1
    assert history.status == BookingStatus.BOOKED  # a session already under way is history


def test_the_schedule_says_not_booked_and_an_empty_schedule_has_no_empty_table(client):
    session = SessionFactory()
    client.force_login(confirmed_student(session.cohort))
    page = text(client.get(reverse("sessions:schedule")))
    assert session.title in page and "Not booked" in page
    client.force_login(StudentFactory())
    page = text(client.get(reverse("sessions:schedule")))
    assert "<table" not in page and "See where your application stands" in page
