"""A coordinator runs a balanced matching, forbids a pair, re-runs, asks why a student is not with
a mentor who excludes their university, pins them anyway, sees the rule the pin overrides, and
confirms before publishing; mentor and student see each other; the student logs a meeting and
writes a goal, the mentor confirms it and marks it met. axe-core checks every page."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

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
    warwick = PartnerFactory(slug="warwick", name="University of Warwick")
    student = ConfirmedApplicationFactory(cohort=cohort, partner=warwick).student
    ConfirmedApplicationFactory(cohort=cohort, partner=PartnerFactory(slug="aru", name="Anglia Ruskin University"))
    for _ in range(2):
        MentorProfileFactory(pathways=[area], capacity=1)
    choosy = MentorProfileFactory(pathways=[area], capacity=1)
    choosy.excluded_partners.set([warwick])
    coordinator = CoordinatorFactory()

    sign_in(page, coordinator.email)
    axe_check(page)
    page.get_by_role("link", name="Matching").click()
    axe_check(page)
    page.get_by_role("link", name="Spring cohort").click()
    axe_check(page)
    page.locator("input[name=balance_universities]").check()
    page.get_by_role("button", name="Run matching").click()
    page.get_by_text("2 of 2 students are matched").wait_for()
    expect(page.get_by_text("universities balanced")).to_be_visible()
    axe_check(page)
    page.get_by_text("Details", exact=True).click()
    page.get_by_text("Allowed pairs").wait_for()
    axe_check(page)
    first_mentor = page.locator("#pairs-heading + div tbody tr td").first.inner_text()

    page.get_by_role("button", name=re.compile("^Forbid")).first.click()
    page.get_by_text("Re-run to apply").wait_for()
    page.get_by_role("button", name="Re-run").click()
    page.get_by_text("Changes since run").wait_for()
    axe_check(page)
    new_mentor = page.locator("#pairs-heading + div tbody tr td").first.inner_text()
    assert new_mentor.split("\n")[0] != first_mentor.split("\n")[0]

    # Why is the student not with the mentor who excludes Warwick? Pin them anyway.
    page.get_by_role("link", name="Why not this mentor?").click()
    page.get_by_label("Student").select_option(label=str(student))
    page.get_by_label("Mentor").select_option(label=str(choosy.user))
    page.get_by_role("button", name="Ask").click()
    page.get_by_text("the mentor excludes the student's university").wait_for()
    axe_check(page)
    page.get_by_role("button", name=f"Pin {student} with {choosy.user}").click()
    page.get_by_text("Re-run to apply").wait_for()
    page.get_by_role("button", name="Re-run").click()
    page.get_by_text("Pin overrides: the mentor excludes the student's university").wait_for()
    axe_check(page)

    page.get_by_role("link", name="Publish these matches").click()
    page.get_by_text("1 pinned pair overrides rules").wait_for()
    expect(page.get_by_text("introduction emails will go out at once")).to_be_visible()
    # One introduction is shown open; which pair's depends on the database's order of the pairs.
    expect(page.get_by_text(re.compile(r"^Subject: Meet your FTL (mentor|mentee): "))).to_be_visible()
    axe_check(page)
    page.get_by_label(re.compile("^I accept that 1 pinned pair")).check()
    page.get_by_role("button", name=re.compile("^Confirm and send")).click()
    page.get_by_text("Published: 2 new matches").wait_for()
    axe_check(page)

    mentor = choosy.user
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
    expect(page.get_by_text("Talked about regulatory careers.")).to_be_visible()
    expect(page.get_by_text("1.5 hours over 1 meeting")).to_be_visible()
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
