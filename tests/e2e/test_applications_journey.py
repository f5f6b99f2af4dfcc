"""What the cohort journey does not do: a student signs in from the cohort page and withdraws an
offered place with a reason, which passes the place to the next on the waiting list."""

import re

import pytest
from playwright.sync_api import expect

from programmes.admissions.models import ApplicationState as S
from tests.factories import PASSWORD, ApplicationFactory, CohortPartnerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_student_withdraws_an_offer_and_the_waitlisted_student_is_offered_the_place(page, axe_check):
    seat = CohortPartnerFactory(cohort__name="FTL pilot", quota=1)
    offered = ApplicationFactory(cohort=seat.cohort, partner=seat.partner, state=S.OFFERED)
    waitlisted = ApplicationFactory(cohort=seat.cohort, partner=seat.partner, state=S.WAITLISTED)

    page.goto(f"/cohorts/{seat.cohort.slug}/")
    page.get_by_role("link", name="Sign in").last.click()
    page.get_by_label("Email").fill(offered.student.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))  # already offered: to the offer, not the task list
    expect(page.get_by_text("you have been offered a place")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=re.compile("Withdraw this application")).click()
    axe_check(page)
    expect(page.get_by_text("Your place goes to someone on the waiting list.")).to_be_visible()
    page.get_by_label("Why are you withdrawing? (optional)").fill("I have accepted a summer placement.")
    page.get_by_role("button", name="Withdraw my application").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_text("Your application is withdrawn.")).to_be_visible()
    expect(page.get_by_test_id("application-status").get_by_text("Withdrawn", exact=True)).to_be_visible()
    axe_check(page)

    offered.refresh_from_db()
    waitlisted.refresh_from_db()
    assert offered.state == S.WITHDRAWN
    assert offered.events.get(to_state=S.WITHDRAWN).reason == "I have accepted a summer placement."
    assert waitlisted.state == S.OFFERED and waitlisted.offer_expires_at is not None
