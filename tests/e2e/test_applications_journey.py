import re

import pytest
from django.utils import timezone

from programmes.models import Application
from programmes.models import ApplicationState as S
from programmes.services.applications import set_state
from tests.factories import PASSWORD, CoordinatorFactory, InterestAreaFactory, StudentFactory
from tests.factories_applications import open_cohort_with_partner, pdf_bytes, private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_media")]

MOTIVATION = (
    "I have built a pulse oximeter in my second year project and want to learn how devices like it reach "
    "patients safely, from regulation to manufacture."
)


def test_student_checks_eligibility_fills_every_section_and_submits(page, axe_check):
    cohort, partner = open_cohort_with_partner(
        name="FTL pilot", applications_close_at=timezone.now() + timezone.timedelta(days=9)
    )
    InterestAreaFactory(name="Regulatory affairs")
    StudentFactory(email=f"lin@{partner.email_domains[0]}", full_name="Lin Okafor")

    page.goto(f"/cohorts/{cohort.slug}/")
    axe_check(page)
    assert page.get_by_text("closes in 9 days").first.is_visible()
    page.get_by_role("link", name="Sign in").last.click()
    axe_check(page)
    page.get_by_label("Email").fill(f"lin@{partner.email_domains[0]}")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

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
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url(re.compile(r"/sections/interests/$"))
    axe_check(page)
    page.get_by_label("Regulatory affairs").check()
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url(re.compile(r"/sections/motivation/$"))
    page.get_by_label("Why do you want to join").fill(MOTIVATION)
    assert page.locator("#id_motivation-wordcount").inner_text() == f"{len(MOTIVATION.split())} of 300 words"
    axe_check(page)
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url(re.compile(r"/sections/career-goals/$"))
    axe_check(page)
    page.get_by_label("What are your career goals?").fill("To work in regulatory affairs at a UK medtech company.")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url(re.compile(r"/sections/availability/$"))
    axe_check(page)
    page.get_by_label("When are you available").fill("Wednesday afternoons in term time.")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url(re.compile(r"/sections/cv/$"))
    axe_check(page)
    page.get_by_label("Your CV").set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url(re.compile(r"/sections/consent/$"))
    axe_check(page)
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Save and return to your application").click()

    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    assert page.get_by_text("You have completed 7 of 7 sections").is_visible()
    axe_check(page)
    page.get_by_role("link", name="Check your answers").click()
    axe_check(page)
    assert page.get_by_text(MOTIVATION).is_visible()
    page.get_by_role("button", name="Submit your application").click()

    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert page.get_by_test_id("application-status").get_by_text("Submitted", exact=True).is_visible()
    assert page.get_by_text("What happens next").is_visible()
    axe_check(page)
    application = Application.objects.get()
    assert application.state == S.SUBMITTED

    # Once offered a place (the review area's job), the student accepts it from the dashboard.
    set_state(application=application, to_state=S.OFFERED, actor=CoordinatorFactory())
    page.reload()
    axe_check(page)
    page.get_by_role("button", name="Accept the place").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert page.get_by_text("Your place is confirmed. Welcome!").is_visible()
    page.get_by_role("link", name=re.compile("Withdraw this application")).click()
    axe_check(page)
    assert page.get_by_role("button", name="Withdraw my application").is_visible()
