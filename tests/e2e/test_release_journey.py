"""A coordinator confirms a release in Chromium: the board names each applicant with university and
score; the confirmation lists them with one email open and the other folded; a decision staged
meanwhile stops the release and the page says so; confirming again releases once. The funnel and
the confirmation fit a 375 px phone without sideways scroll. axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import StagedDecision
from programmes.admissions.services import decisions
from tests.e2e.browser import sign_in
from tests.factories import CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_reviews import ReviewFactory, SubmittedApplicationFactory, university_in_cohort

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def stage(seat, staff, name, decision, score):
    application = SubmittedApplicationFactory(
        cohort=seat.cohort, partner=seat.partner, student=StudentFactory(full_name=name)
    )
    ReviewFactory(application=application, reviewer=staff, weighted_score=score)
    decisions.stage_decision(application=application, decision=decision, actor=staff)
    return application


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_coordinator_confirms_a_release(page, axe_check):
    seat = university_in_cohort(quota=3)
    staff = StaffFactory(partner=seat.partner)
    ella = stage(seat, staff, "Ella Hughes", "offered", 4.5)
    stage(seat, staff, "Ruby King", "rejected", 2.0)
    coordinator = CoordinatorFactory()

    sign_in(page, axe_check, coordinator.email)
    page.goto("/reviews/decisions/")
    board = page.get_by_role("region", name=f"Staged decisions, {seat.partner.name}")
    assert (
        board.get_by_role("row", name=re.compile("Ella Hughes")).get_by_role("cell").nth(2).inner_text() == "4.50 (1)"
    )
    axe_check(page)
    page.get_by_role("link", name=re.compile("Release 2 decisions")).click()
    page.wait_for_url(re.compile(r"/release/$"))
    expect(page.get_by_role("heading", name="Release 2 decisions?")).to_be_visible()
    assert page.get_by_test_id("email-count").inner_text().startswith("2 emails will go")
    example = page.get_by_test_id("example-email")
    expect(example.get_by_text("Congratulations: you are offered a place")).to_be_visible()
    assert page.locator("details:not([open])").count() == 1
    folded = page.locator("details").nth(1)
    expect(folded.locator("pre")).not_to_be_visible()
    folded.locator("summary").click()
    expect(folded.locator("pre")).to_be_visible()
    axe_check(page)

    # Meanwhile a reviewer stages one more: the confirmation no longer matches what would go.
    stage(seat, staff, "Noah Patel", "waitlisted", 3.0)
    page.get_by_role("button", name="Release and email 2 people").click()
    expect(page.get_by_test_id("audience-changed")).to_be_visible()
    assert not OutboxMessage.objects.filter(key__startswith="decision:").exists()
    expect(page.get_by_role("heading", name="Release 3 decisions?")).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Release and email 3 people").click()
    page.wait_for_url(re.compile(r"/reviews/decisions/$"))
    expect(page.get_by_text("Released 3 decisions; the students are emailed.")).to_be_visible()
    axe_check(page)
    assert not StagedDecision.objects.exists()
    assert OutboxMessage.objects.filter(key=f"decision:{ella.pk}:offered").count() == 1
    assert OutboxMessage.objects.filter(key__startswith="decision:").count() == 3


def test_the_funnel_and_the_confirmation_fit_a_phone(page, axe_check):
    seat = university_in_cohort(quota=2)
    staff = StaffFactory(partner=seat.partner)
    for n in range(3):
        stage(seat, staff, f"Student with a rather long name {n}", "offered" if n < 2 else "rejected", 3.5)
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, axe_check, CoordinatorFactory().email)
    page.goto("/reviews/funnel/")
    expect(page.get_by_test_id("funnel-totals").get_by_text("3 submitted")).to_be_visible()
    assert no_sideways_scroll(page), page.evaluate("document.documentElement.scrollWidth")
    axe_check(page)
    page.goto(f"/reviews/decisions/{seat.pk}/release/")
    assert no_sideways_scroll(page), page.evaluate("document.documentElement.scrollWidth")
    axe_check(page)
    page.context.clear_cookies()
    sign_in(page, axe_check, staff.email)
    page.goto("/reviews/funnel/")
    expect(page.get_by_role("region", name=seat.partner.name)).to_be_visible()
    assert no_sideways_scroll(page), page.evaluate("document.documentElement.scrollWidth")
    axe_check(page)
