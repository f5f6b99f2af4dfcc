"""A lead reviewer assigns the queue automatically; a reviewer works through their assignments with
the keyboard-usable 1–5 scales and "save and next", on a desktop and on a 375 px phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import sign_in, sign_out
from tests.factories import StaffFactory
from tests.factories_reviews import SubmittedApplicationFactory, lead_reviewer, university_in_cohort

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RUBRIC = [
    {
        "key": "motivation",
        "label": "Motivation",
        "weight": 2,
        "descriptors": ["None given", "", "Clear", "", "Compelling"],
    },
    {"key": "potential", "label": "Career potential", "weight": 1},
]


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_reviewer_works_through_an_assigned_queue_with_save_and_next(page, axe_check):
    seat = university_in_cohort()
    seat.cohort.rubric = RUBRIC
    seat.cohort.gives_feedback = True
    seat.cohort.save()
    lead = lead_reviewer(seat.partner, full_name="Lena Lead")
    reviewer = StaffFactory(partner=seat.partner, full_name="Rita Reviewer")
    applications = SubmittedApplicationFactory.create_batch(2, cohort=seat.cohort, partner=seat.partner)

    sign_in(page, axe_check, lead.email)
    page.goto("/reviews/assignments/")
    page.get_by_role("link", name="Assign reviewers and see everyone's progress").click()
    axe_check(page)
    page.get_by_label("Reviewers per application").fill("1")
    page.get_by_role("button", name="Assign reviewers").click()
    expect(page.get_by_text("2 assignments made; loads are as even as the rules allow.")).to_be_visible()
    progress = page.get_by_test_id("reviewer-progress")
    expect(progress.get_by_role("row", name=re.compile("Rita Reviewer")).get_by_text("0 of 1")).to_be_visible()
    axe_check(page)
    sign_out(page)

    sign_in(page, axe_check, reviewer.email)
    page.get_by_role("link", name="My assignments").click()
    assert page.get_by_test_id("assignment-progress").inner_text() == "0 of 1 done"
    axe_check(page)
    first = page.get_by_role("table").get_by_role("link").first
    first.click()
    mine = int(re.search(r"/reviews/applications/(\d+)/", page.url).group(1))
    axe_check(page)

    # The scale is a group of radios: the keyboard moves along it and the descriptor follows.
    scale = page.get_by_role("group", name=re.compile("^Motivation"))
    scale.get_by_role("radio", name="1").focus()
    expect(scale.get_by_text("1: None given")).to_be_visible()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert scale.get_by_role("radio", name="3").is_checked()
    expect(scale.get_by_text("3: Clear")).to_be_visible()
    page.get_by_role("group", name=re.compile("^Career potential")).get_by_role("radio", name="4").check()
    page.get_by_label("Recommendation").select_option("offer")
    page.get_by_label("Feedback for the applicant").fill("Strong answers.")

    page.set_viewport_size({"width": 375, "height": 800})
    assert no_sideways_scroll(page)
    axe_check(page)
    page.get_by_role("button", name="Save and next").click()
    # The assigned one is done: next comes the other application still to review in the queue.
    other = next(a.pk for a in applications if a.pk != mine)
    page.wait_for_url(re.compile(rf"/reviews/applications/{other}/$"))
    expect(page.get_by_text(f"Review of application #{mine} saved. Here is the next one.")).to_be_visible()
    assert no_sideways_scroll(page)
    axe_check(page)
    for group in ("Motivation", "Career potential"):
        page.get_by_role("group", name=re.compile(f"^{group}")).get_by_role("radio", name="5").check()
    page.get_by_label("Recommendation").select_option("waitlist")
    page.get_by_role("button", name="Save and next").click()
    page.wait_for_url(re.compile(r"/reviews/assignments/$"))
    expect(page.get_by_text("Nothing is left for you to review.")).to_be_visible()
    assert page.get_by_test_id("assignment-progress").inner_text() == "1 of 1 done"
    assert no_sideways_scroll(page)
    axe_check(page)
