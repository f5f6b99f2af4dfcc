"""A coordinator adds a question of the cohort's own (a mistake first: one option only), and a
student answers it: the task list shows its section, the answer saves as they choose it, check your
answers opens once every section is done and shows it, and the submitted answer reaches the reviewer.
axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from programmes.admissions.models import Answer, Question
from programmes.admissions.models import ApplicationState as S
from tests.e2e.browser import sign_in, sign_out
from tests.factories import CohortPartnerFactory, CoordinatorFactory, StaffFactory
from tests.factories_applications import CompleteApplicationFactory, private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_media")]


def add_the_question(page, axe_check, cohort):
    page.goto("/setup/")
    page.get_by_role("link", name=f"Questions on the application form of {cohort.name}").click()
    axe_check(page)
    page.locator("#id_label").fill("Which setting would you most like to see?")
    page.get_by_label("Type of answer").select_option("single_choice")
    page.locator("#id_section").select_option("own")
    page.get_by_label("Title of its own section").fill("Placement preferences")
    page.get_by_label("Options, one per line").fill("A medtech company")
    page.get_by_role("button", name="Add question").click()
    # Said twice: in the error summary at the top (a link to the field) and under the field itself.
    expect(page.get_by_role("link", name="Give at least two options, one per line.")).to_be_visible()
    assert (
        page.locator("#id_choices ~ .invalid-feedback, .invalid-feedback")
        .get_by_text("Give at least two options, one per line.")
        .first.is_visible()
    )
    axe_check(page)
    page.get_by_label("Options, one per line").fill("A medtech company\nAn NHS trust")
    page.get_by_role("button", name="Add question").click()
    expect(page.get_by_text("is added to the application form")).to_be_visible()
    expect(page.get_by_test_id("questions").get_by_text("Placement preferences")).to_be_visible()
    axe_check(page)


def answer_it(page, axe_check, application):
    page.get_by_role("link", name="Continue your application").click()
    page.wait_for_url(re.compile(rf"/applications/{application.pk}/$"))
    axe_check(page)
    assert page.get_by_test_id("status-more-placement-preferences").inner_text() == "Not started"
    assert page.get_by_role("button", name="Check your answers").is_disabled()
    page.get_by_role("link", name="Placement preferences").click()
    axe_check(page)
    page.get_by_label("An NHS trust").check()
    # Saved as the student goes: the autosave answers before they leave the page.
    page.get_by_text(re.compile(r"^Saved at")).wait_for()
    assert Answer.objects.get(application=application).value == "An NHS trust"
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r"/sections/consent/$"))
    page.get_by_role("link", name="Your application").click()
    assert page.get_by_test_id("status-more-placement-preferences").inner_text() == "Completed"
    expect(page.get_by_label("You have completed 9 of 9 sections.")).to_be_visible()
    page.get_by_role("link", name="Check your answers").click()
    axe_check(page)
    expect(page.get_by_text("Which setting would you most like to see?")).to_be_visible()
    expect(page.get_by_text("An NHS trust")).to_be_visible()
    page.get_by_role("button", name="Submit your application").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_test_id("tracker").get_by_text("Submitted")).to_be_visible()
    axe_check(page)


def test_a_coordinator_adds_a_question_and_a_student_answers_it(page, axe_check):
    seat = CohortPartnerFactory(cohort__name="FTL pilot")
    application = CompleteApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    staff = StaffFactory(partner=seat.partner)

    sign_in(page, axe_check, CoordinatorFactory().email)
    add_the_question(page, axe_check, seat.cohort)
    sign_out(page)

    sign_in(page, axe_check, application.student.email)
    answer_it(page, axe_check, application)
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    sign_out(page)

    sign_in(page, axe_check, staff.email)
    page.goto(f"/reviews/applications/{application.pk}/")
    question = Question.objects.get()
    assert page.get_by_test_id(f"answer-{question.pk}").inner_text() == "An NHS trust"
    axe_check(page)
