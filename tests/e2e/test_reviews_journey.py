import re

import pytest

from ftl_portal.outbox.models import OutboxMessage
from programmes.models import Application
from tests.factories import PASSWORD, CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_reviews import SubmittedApplicationFactory, university_in_cohort

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, axe_check, email):
    page.goto("/accounts/login/")
    axe_check(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    axe_check(page)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_staff_review_and_offer_coordinator_release_student_confirms(page, axe_check):
    seat = university_in_cohort(quota=1)
    staff = StaffFactory(partner=seat.partner, email="reviewer@uni.test")
    coordinator = CoordinatorFactory(email="coordinator@medilink.test")
    student = StudentFactory(full_name="Katherine Johnson", email="kj@uni.test")
    application = SubmittedApplicationFactory(
        cohort=seat.cohort, partner=seat.partner, student=student, course="Biomedical <b>Engineering</b>"
    )

    sign_in(page, axe_check, staff.email)
    page.get_by_role("link", name="Review applications").click()
    axe_check(page)
    page.get_by_role("link", name="Katherine Johnson").click()
    axe_check(page)
    assert page.get_by_text("Biomedical <b>Engineering</b>").is_visible()
    for criterion in ["Motivation and fit", "Career potential", "Availability and commitment"]:
        page.get_by_role("group", name=re.compile(criterion)).get_by_label("4").check()
    page.get_by_label("Comment").fill("Clear motivation and relevant project work.")
    page.get_by_label("Recommendation").select_option("offer")
    page.get_by_role("button", name="Submit review").click()
    assert page.get_by_text("Your review is saved").is_visible()
    assert page.get_by_test_id("review-figures").inner_text() == "1 review · weighted mean 4.00 · median 4.00"
    axe_check(page)
    page.get_by_label("Offer a place").check()
    page.get_by_role("button", name="Stage decision").click()
    assert "Staged: offer a place." in page.get_by_role("alert").inner_text()
    assert "1 of 1" in page.get_by_test_id("quota").inner_text()
    axe_check(page)
    page.get_by_role("link", name="Review queue").first.click()
    page.get_by_role("link", name="Calibration").click()
    axe_check(page)
    page.get_by_role("link", name="Decisions", exact=True).click()
    assert page.get_by_text("A coordinator releases these decisions.").is_visible()
    axe_check(page)
    sign_out(page)

    sign_in(page, axe_check, coordinator.email)
    page.get_by_role("link", name="Release decisions").click()
    axe_check(page)
    page.get_by_role("button", name=re.compile("Release 1 decision")).click()
    assert page.get_by_text("Released 1 decision; the students are emailed.").is_visible()
    axe_check(page)
    page.goto("/reviews/funnel/")
    axe_check(page)
    sign_out(page)
    assert OutboxMessage.objects.filter(key=f"decision:{application.pk}:offered").count() == 1

    sign_in(page, axe_check, student.email)
    page.goto("/dashboard/")
    axe_check(page)
    page.get_by_role("button", name="Accept the place").click()
    assert page.get_by_text("Your place is confirmed. Welcome!").is_visible()
    axe_check(page)
    assert Application.objects.get(pk=application.pk).state == "confirmed"
