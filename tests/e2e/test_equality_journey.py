import re

import pytest
from playwright.sync_api import expect

from programmes.equality.models import EqualityResponse
from tests.factories import PASSWORD, CoordinatorFactory
from tests.factories_reviews import SubmittedApplicationFactory, university_in_cohort

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, user):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))


def test_a_student_answers_and_a_coordinator_reads_only_rounded_totals(page, axe_check):
    seat = university_in_cohort()
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)

    sign_in(page, application.student)
    page.get_by_role("link", name="Optional equality questionnaire").click()
    axe_check(page)
    expect(page.get_by_text("no part in selection")).to_be_visible()
    page.get_by_label("25 to 29").check()
    page.get_by_label("Your ethnic group").select_option(label="White: Irish")
    page.get_by_role("button", name="Save my answers").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert EqualityResponse.objects.get().ethnicity == "white_irish"

    sign_in(page, CoordinatorFactory())
    page.get_by_role("link", name="Equality reports").click()
    axe_check(page)
    page.get_by_role("link", name=seat.cohort.name).click()
    axe_check(page)
    expect(page.get_by_text("Every count is rounded to the nearest 5; 0, 1 and 2 show as 0.")).to_be_visible()
