"""Notes, the shortlist and an interview from end to end: a reviewer notes and shortlists, a
coordinator sets up interviews, confirms the invitation and adds slots, the student books one and
staff score the interview beside the first stage."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programmes.admissions.models import ApplicationNote, InterviewScore
from programmes.events.models import Booking
from tests.e2e.browser import sign_in, sign_out
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_reviews import ReviewFactory, SubmittedApplicationFactory, university_in_cohort

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_interview_is_invited_booked_and_scored(page, axe_check):
    seat = university_in_cohort()
    staff = StaffFactory(partner=seat.partner, full_name="Rosalind Reviewer")
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, student__full_name="Ada Okafor")
    ReviewFactory(application=application, reviewer=staff, weighted_score=4.0)

    # A reviewer notes and shortlists, without leaving the page (htmx).
    sign_in(page, axe_check, staff.email)
    page.goto(f"/reviews/applications/{application.pk}/")
    page.get_by_label("Add a note").fill("Ask about the wearables placement.")
    page.get_by_role("button", name="Add note").click()
    page.get_by_test_id("notes").get_by_text("Ask about the wearables placement.").wait_for()
    page.get_by_role("button", name="Shortlist").click()
    page.get_by_test_id("tags").get_by_role("link", name="shortlisted").wait_for()
    axe_check(page)
    page.get_by_test_id("tags").get_by_role("link", name="shortlisted").click()
    expect(page.get_by_role("link", name="Ada Okafor")).to_be_visible()
    sign_out(page)
    assert ApplicationNote.objects.filter(application=application).count() == 1

    # The coordinator sets up interviews, confirms whom the invitation emails, and adds slots.
    sign_in(page, axe_check, CoordinatorFactory().email)
    page.goto(f"/setup/cohorts/{seat.cohort.pk}/interviews/")
    page.get_by_label("Interview criteria").fill("Communication | 2\nFit with the programme")
    page.get_by_role("button", name="Set up interviews").click()
    assert page.get_by_test_id("to-invite").inner_text() == "1 shortlisted applicant not yet invited."
    axe_check(page)
    page.get_by_role("link", name="Review and invite").click()
    expect(page.get_by_role("heading", name="Invite 1 applicant to interview")).to_be_visible()
    expect(page.get_by_role("cell", name="Ada Okafor")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Send 1 invitation").click()
    expect(page.get_by_text("1 applicant invited to interview.")).to_be_visible()
    page.get_by_role("link", name="Interview slots").click()
    start = (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=0)
    page.get_by_label("First slot starts (UK time)").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Number of slots").fill("2")
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Online join link").fill("https://meet.example.org/interviews")
    page.get_by_role("button", name="Add slots").click()
    expect(page.get_by_text("2 interview slots added.")).to_be_visible()
    axe_check(page)
    sign_out(page)

    # The student books one from their dashboard.
    sign_in(page, axe_check, application.student.email)
    page.get_by_role("link", name="Book your interview").click()
    axe_check(page)
    page.get_by_role("button", name="Book").first.click()
    expect(page.get_by_text("Your interview is booked.")).to_be_visible()
    assert "10:00" in page.get_by_test_id("held-slot").inner_text()
    axe_check(page)
    sign_out(page)
    assert Booking.objects.filter(participant=application.student).count() == 1

    # Staff score the interview; its figures sit beside the first stage's.
    sign_in(page, axe_check, staff.email)
    page.goto(f"/reviews/applications/{application.pk}/")
    assert "Booked for" in page.get_by_test_id("interview-slot").inner_text()
    interview = page.get_by_role("region", name="Interview (second stage)")
    interview.get_by_role("group", name="Communication (weight 2)").get_by_label("5").check()
    interview.get_by_role("group", name="Fit with the programme (weight 1)").get_by_label("2").check()
    page.get_by_role("button", name="Save interview scores").click()
    expect(page.get_by_text("Your interview scores are saved.")).to_be_visible()
    assert page.get_by_test_id("interview-figures").inner_text() == "1 interview score · weighted mean 4.00"
    assert "weighted mean 4.00" in page.get_by_test_id("review-figures").inner_text()
    axe_check(page)
    assert InterviewScore.objects.get(application=application).weighted_score == 4.0
