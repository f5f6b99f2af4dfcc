"""A coordinator runs matching, forbids a pair, re-runs and publishes; mentor and student see each
other; the student logs a meeting and writes a goal, the mentor confirms it and marks it met.
axe-core checks every page."""

import re

import pytest
from django.utils import timezone

from tests.factories import PASSWORD, CohortFactory, CoordinatorFactory, PartnerFactory, PathwayFactory
from tests.factories_mentoring import ConfirmedApplicationFactory, MentorProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/dashboard/?$"))


def test_coordinator_matches_and_the_pair_meet(page, axe_check):
    cohort = CohortFactory(name="Spring cohort")
    area = PathwayFactory(slug="regulatory-affairs", name="Regulatory affairs")
    student = ConfirmedApplicationFactory(cohort=cohort, partner=PartnerFactory(slug="warwick")).student
    mentors = [MentorProfileFactory(pathways=[area], capacity=1) for _ in range(2)]
    coordinator = CoordinatorFactory()

    sign_in(page, coordinator.email)
    axe_check(page)
    page.get_by_role("link", name="Matching").click()
    axe_check(page)
    page.get_by_role("link", name="Spring cohort").click()
    axe_check(page)
    page.get_by_role("button", name="Run matching").click()
    page.get_by_text("1 of 1 students").wait_for()
    axe_check(page)
    first_mentor = page.locator("#pairs-heading + div tbody tr td").first.inner_text()

    page.get_by_role("button", name=re.compile("^Forbid")).first.click()
    page.get_by_text("Re-run to apply").wait_for()
    page.get_by_role("button", name="Re-run").click()
    page.get_by_text("Changes since run").wait_for()
    axe_check(page)
    new_mentor = page.locator("#pairs-heading + div tbody tr td").first.inner_text()
    assert new_mentor.split("\n")[0] != first_mentor.split("\n")[0]
    page.get_by_role("button", name="Publish these matches").click()
    page.get_by_text("Published: 1 new matches").wait_for()
    axe_check(page)

    mentor = next(m.user for m in mentors if str(m.user) == new_mentor.split("\n")[0].strip())
    sign_in(page, mentor.email)
    page.get_by_text(student.email).wait_for()
    axe_check(page)

    sign_in(page, student.email)
    page.get_by_role("link", name=str(mentor)).click()
    axe_check(page)
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Topic").fill("First coffee chat")
    page.get_by_label("How long (minutes)").fill("90")
    page.get_by_label("Notes").fill("Talked about regulatory careers.")
    page.get_by_role("button", name="Log meeting").click()
    page.get_by_text("Meeting logged.").wait_for()
    assert page.get_by_text("Talked about regulatory careers.").is_visible()
    assert page.get_by_text("1.5 hours over 1 meeting").is_visible()
    page.get_by_label("A goal for your mentoring").fill("Apply to three regulatory placements")
    page.get_by_role("button", name="Add the goal").click()
    page.get_by_text("waiting for the mentor to confirm").wait_for()
    axe_check(page)

    sign_in(page, mentor.email)
    page.get_by_role("link", name=str(student)).click()
    page.get_by_role("button", name=re.compile("^Confirm")).click()
    page.get_by_text("Goals confirmed.").wait_for()
    page.get_by_role("button", name=re.compile("^Mark met")).click()
    page.get_by_text("1 of 1 goal met").wait_for()
    axe_check(page)
