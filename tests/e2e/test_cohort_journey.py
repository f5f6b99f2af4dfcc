"""The whole cohort journey in Chromium, through the browser only once the programme exists: a
student signs up (code from the mailbox), checks eligibility, fills every section with a PDF CV and
submits; their university's staff member reviews, sees the CV and stages an offer; the coordinator
releases it; the student accepts from the dashboard and books a session. axe on every page."""

import io
import re
from pathlib import Path

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import Application
from programmes.admissions.models import ApplicationState as S
from tests.e2e.browser import log_in, sign_in, sign_out
from tests.factories import (
    CohortFactory,
    CohortPartnerFactory,
    CoordinatorFactory,
    PartnerFactory,
    PathwayFactory,
    StaffFactory,
)
from tests.factories_applications import pdf_bytes, private_media_fixture  # noqa: F401
from tests.factories_sessions import OnlineSessionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_media")]

STUDENT_EMAIL = "ada@aston.ac.uk"
STUDENT_PASSWORD = "a-student-pass-417"
CV_PDF = pdf_bytes()
MOTIVATION = (
    "I built a pulse oximeter in my second year project and want to learn how devices like it reach "
    "patients safely, from regulation to manufacture."
)


def save_section(page, axe_check, next_section):
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(rf"/sections/{next_section}/$"))
    axe_check(page)


def sign_up_from_the_cohort_page(page, axe_check, cohort):
    page.goto("/")
    axe_check(page)
    page.get_by_role("link", name="See the cohorts open for applications").click()
    axe_check(page)
    page.get_by_role("link", name=cohort.name, exact=True).click()
    axe_check(page)
    expect(page.get_by_text("closes in 9 days").first).to_be_visible()
    page.get_by_role("link", name="Create an account").click()
    axe_check(page)
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_label("Email").fill(STUDENT_EMAIL)
    page.get_by_label(re.compile(r"^\s*Password\s*\*?\s*$")).fill(STUDENT_PASSWORD)
    page.get_by_label("Password (again)").fill(STUDENT_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    axe_check(page)
    verify_url = page.url

    page.goto(f"/mailbox/?to={STUDENT_EMAIL}")
    axe_check(page)
    page.get_by_role("link", name=re.compile("Confirm", re.I)).first.click()
    axe_check(page)
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", page.get_by_test_id("mail-body").inner_text()).group(1)
    page.goto(verify_url)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()


def apply_and_submit(page, axe_check, partner):
    page.wait_for_url(re.compile(r"/apply/$"))
    axe_check(page)
    assert page.get_by_label("Your university").input_value() == str(partner.pk)
    page.get_by_label("Your level of study").select_option("ug")
    page.get_by_role("button", name="Check and start my application").click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    axe_check(page)

    page.get_by_role("link", name="About you and your course").click()
    axe_check(page)
    page.get_by_label("Course you are studying").fill("Biomedical Engineering")
    page.get_by_label("Level of study").select_option("ug")
    page.get_by_label("Year of study").fill("2")
    save_section(page, axe_check, "pathways")
    page.get_by_label("Regulatory affairs").check()
    save_section(page, axe_check, "motivation")
    page.get_by_label("Why do you want to join").fill(MOTIVATION)
    assert page.locator("#id_motivation-wordcount").inner_text() == f"{len(MOTIVATION.split())} of 300 words"
    save_section(page, axe_check, "career-goals")
    page.get_by_label("What are your career goals?").fill("To work in regulatory affairs at a UK medtech company.")
    save_section(page, axe_check, "availability")
    page.get_by_label("When are you available").fill("Wednesday afternoons in term time.")
    save_section(page, axe_check, "cv")
    page.get_by_label("Your CV").set_input_files(
        files=[{"name": "ada-cv.pdf", "mimeType": "application/pdf", "buffer": CV_PDF}]
    )
    save_section(page, axe_check, "access-needs")
    page.get_by_label(re.compile("Access needs or reasonable adjustments")).fill("Step-free access, please.")
    save_section(page, axe_check, "consent")
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Save and return to your application").click()

    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    expect(page.get_by_text("You have completed 8 of 8 sections")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Check your answers").click()
    axe_check(page)
    expect(page.get_by_text(MOTIVATION)).to_be_visible()
    page.get_by_role("button", name="Submit your application").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_test_id("application-status").get_by_text("Submitted", exact=True)).to_be_visible()
    axe_check(page)
    sign_out(page)


def review_and_stage_an_offer(page, axe_check, staff):
    sign_in(page, axe_check, staff.email)
    page.get_by_role("link", name="Review applications").click()
    axe_check(page)
    page.get_by_role("link", name="Ada Lovelace").click()
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the CV (PDF)").click()
    # Reviewers get a copy named by application number, rewritten without the PDF's document details.
    assert re.fullmatch(r"CV application-\d+\.pdf", download.value.suggested_filename)
    assert len(pypdf.PdfReader(Path(download.value.path())).pages) == len(pypdf.PdfReader(io.BytesIO(CV_PDF)).pages)
    for criterion in ["Motivation and fit", "Career potential", "Availability and commitment"]:
        page.get_by_role("group", name=re.compile(criterion)).get_by_label("5").check()
    page.get_by_label("Comment").fill("A strong, specific motivation and relevant project work.")
    page.get_by_label("Recommendation").select_option("offer")
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Your review is saved")).to_be_visible()
    assert page.get_by_test_id("review-figures").inner_text() == "1 review · weighted mean 5.00 · median 5.00"
    axe_check(page)
    page.get_by_label("Offer a place").check()
    page.get_by_role("button", name="Stage decision").click()
    assert "Staged: offer a place." in page.get_by_role("alert").inner_text()
    assert "1 of 1" in page.get_by_test_id("quota").inner_text()
    axe_check(page)
    sign_out(page)


def release_the_decisions(page, axe_check, coordinator):
    sign_in(page, axe_check, coordinator.email)
    page.get_by_role("link", name="Release decisions").click()
    axe_check(page)
    page.get_by_role("link", name=re.compile("Release 1 decision")).click()
    expect(page.get_by_role("row", name=re.compile("Ada Lovelace"))).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Release and email 1 person").click()
    expect(page.get_by_text("Released 1 decision; the students are emailed.")).to_be_visible()
    axe_check(page)
    sign_out(page)


def test_sign_up_apply_review_offer_release_accept_and_book(page, axe_check):
    cohort = CohortFactory(name="FTL pilot", applications_close_at=timezone.now() + timezone.timedelta(days=9))
    partner = PartnerFactory(name="Aston University", short_name="Aston", slug="aston", email_domains=["aston.ac.uk"])
    CohortPartnerFactory(cohort=cohort, partner=partner, quota=1)
    PathwayFactory(name="Regulatory affairs")
    staff = StaffFactory(partner=partner, email="reviewer@aston.ac.uk")
    coordinator = CoordinatorFactory(email="coordinator@medilink.test")
    session = OnlineSessionFactory(cohort=cohort, title="Careers in AI diagnostics")

    sign_up_from_the_cohort_page(page, axe_check, cohort)
    apply_and_submit(page, axe_check, partner)
    application = Application.objects.get(student__email=STUDENT_EMAIL)
    assert application.state == S.SUBMITTED and application.cv.name.endswith(".pdf")

    review_and_stage_an_offer(page, axe_check, staff)
    release_the_decisions(page, axe_check, coordinator)
    assert OutboxMessage.objects.filter(key=f"decision:{application.pk}:offered").count() == 1

    # The student follows the decision email's link, signs in and lands on the offer.
    page.goto(f"/mailbox/?to={STUDENT_EMAIL}")
    axe_check(page)
    page.get_by_role("link", name=re.compile("Decision: you are offered a place on FTL pilot")).click()
    axe_check(page)
    page.goto(re.search(r"https?://\S+/dashboard/", page.get_by_test_id("mail-body").inner_text()).group(0))
    page.wait_for_url(re.compile(r"/accounts/login/"))
    log_in(page, STUDENT_EMAIL, STUDENT_PASSWORD)
    expect(page.get_by_text("you have been offered a place")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Accept the place").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_text("Your place is confirmed. Welcome!")).to_be_visible()
    axe_check(page)
    application.refresh_from_db()
    assert application.state == S.CONFIRMED

    page.get_by_role("link", name="Sessions", exact=True).click()
    axe_check(page)
    page.get_by_role("button", name=re.compile("Book a seat")).click()
    page.get_by_text("Your seat is booked").wait_for()
    axe_check(page)
    assert page.get_by_test_id("join-link").inner_text() == session.join_url
    assert session.bookings.get().participant.email == STUDENT_EMAIL

    # Every step wrote to the student once: receipt, offer, confirmation, booking.
    page.goto(f"/mailbox/?to={STUDENT_EMAIL}")
    axe_check(page)
    for subject in [
        "We have received your application to FTL pilot",
        "Decision: you are offered a place on FTL pilot",
        "Your place on FTL pilot is confirmed",
        "Booked: Careers in AI diagnostics",
    ]:
        assert page.get_by_role("link", name=re.compile(subject)).count() == 1, subject
