"""The review pages the cohort journey does not visit: answers shown escaped, calibration with a
flagged disagreement, the staff decision board and the coordinator's funnel. (Reviewing, staging,
releasing and accepting are in test_cohort_journey.)"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import sign_in, sign_out
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_reviews import (
    ReviewFactory,
    StagedDecisionFactory,
    SubmittedApplicationFactory,
    university_in_cohort,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_see_escaped_answers_calibration_and_board_coordinator_sees_funnel(page, axe_check):
    seat = university_in_cohort(quota=2)
    staff = StaffFactory(partner=seat.partner, full_name="Rosalind Reviewer")
    application = SubmittedApplicationFactory(
        cohort=seat.cohort,
        partner=seat.partner,
        student__full_name="Katherine Johnson",
        course="Biomedical <b>Engineering</b>",
    )
    ReviewFactory(
        application=application,
        reviewer=staff,
        scores={"motivation": 5, "potential": 5, "commitment": 5},
        weighted_score=5.0,
    )
    ReviewFactory(
        application=application, scores={"motivation": 2, "potential": 2, "commitment": 2}, weighted_score=2.0
    )
    StagedDecisionFactory(application=application, staged_by=staff)

    sign_in(page, axe_check, staff.email)
    page.get_by_role("link", name="Review queue").first.click()
    page.get_by_role("link", name="Katherine Johnson").click()
    expect(page.get_by_text("Biomedical <b>Engineering</b>")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Review queue").first.click()
    page.get_by_role("link", name="Calibration").click()
    assert page.get_by_test_id("flagged").inner_text() == f"Application #{application.pk}: 2 reviews, 3.00 points apart"
    axe_check(page)
    page.get_by_role("link", name="Decisions", exact=True).click()
    expect(page.get_by_text("Places: 1 of 2 offered, confirmed or staged as offers.")).to_be_visible()
    expect(page.get_by_text("A coordinator releases these decisions.")).to_be_visible()
    axe_check(page)
    sign_out(page)

    sign_in(page, axe_check, CoordinatorFactory().email)
    page.goto("/reviews/funnel/")
    funnel = page.get_by_role("region", name=seat.partner.name)
    assert (
        funnel.get_by_role("row", name=re.compile("^Reviewed, awaiting decision")).get_by_role("cell").inner_text()
        == "1"
    )
    axe_check(page)
