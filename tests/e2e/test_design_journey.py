"""Every role's pages in the demo at 1280 and 375 px: nothing wider than the window, targets of at
least 24 x 24 px; one keyboard-only journey per role (sign in, then Tab through the dashboard:
focus visible, in order, no trap); errors announced; autosave status in a live region; motion
off for people who ask for less. One browser context per role, signed in once."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import Application
from programmes.cohorts.models import Cohort, Partner
from programmes.recruitment.models import Campaign
from tests.e2e.layout import layout_problems_of_pages, tab_through
from tests.factories import ApplicationFactory
from tests.factories_applications import private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_media")]

LONG_ADDRESS = "a.very-long-address-that-does-not-fit-on-a-phone@careers.warwick-medical-school.ac.uk"
PAGES_PER_ROLE = 40


def start_pages():
    campaign = Campaign.objects.order_by("pk").first()
    message = OutboxMessage.objects.order_by("-pk").first()
    reviewed = Application.objects.filter(partner__slug="warwick", state="submitted").order_by("pk").first()
    return {
        None: ["/", "/cohorts/", "/cohorts/pilot-2027/", "/pathways/regulatory-affairs/", "/accounts/login/",
               "/accounts/signup/", "/register-interest/", "/privacy/", "/certificates/verify/FTL-PILOT-2026-DEMO/",
               "/mailbox/", f"/mailbox/{message.pk}/"],
        "student@aru.ac.uk": ["/dashboard/", "/sessions/", "/privacy/my-data/"],
        "student@warwick.ac.uk": ["/dashboard/", "/cohorts/pilot-2027/"],
        "staff@warwick.ac.uk": ["/dashboard/", "/reviews/", f"/reviews/applications/{reviewed.pk}/"],
        "coordinator@medilink.test": ["/dashboard/", "/reviews/funnel/", f"/campaigns/{campaign.pk}/",
                                      f"/campaigns/{campaign.pk}/preview/", "/outbox/", f"/outbox/{message.pk}/",
                                      "/setup/", "/sessions/programme/", "/impact/", "/messages/", "/invitations/"],
        "mentor@medtech.test": ["/dashboard/", "/mentoring/profile/"],
        "graduate@warwick.ac.uk": ["/dashboard/"],
    }  # fmt: skip


def draft_application():
    student = User.objects.get(email="student@warwick.ac.uk")
    cohort = Cohort.objects.get(slug="pilot-2027")
    return ApplicationFactory(student=student, cohort=cohort, partner=Partner.objects.get(slug="warwick"))


def sign_in_with_the_keyboard(page, email):
    """Tab from the top of the login page to the fields and the button; Enter sends."""
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')"), "the first stop is the skip link"
    while page.evaluate("document.activeElement.name") != "login":
        page.keyboard.press("Tab")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/$"))


# How many rows the main menu's items take (their distinct tops, to the pixel).
MENU_ROWS = """new Set([...document.querySelectorAll('#main-nav .nav-item')]
    .map(item => Math.round(item.getBoundingClientRect().top))).size"""


def walk_role(chromium, live_server, axe_check, email, starts):
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        if email:
            sign_in_with_the_keyboard(page, email)
            page.goto("/dashboard/")
            rows = page.evaluate(MENU_ROWS)
            assert rows == 1, f"{email}: the menu takes {rows} rows at 1280 px"
            tab_through(page)
        paths, problems = layout_problems_of_pages(page, starts, PAGES_PER_ROLE)
        axe_check(page)
        return paths, problems
    finally:
        context.close()


def test_the_demo_fits_phone_and_desktop_works_from_the_keyboard_and_speaks_to_screen_readers(
    chromium, live_server, settings, axe_check
):
    settings.SITE_URL = live_server.url
    call_command("seed_demo", stdout=StringIO())
    visited, problems = [], []
    for email, starts in start_pages().items():
        paths, found = walk_role(chromium, live_server, axe_check, email, starts)
        visited += paths
        problems += [f"{email or 'visitor'}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)
    assert len(visited) >= 60, visited
    # The same demo data, without seeding it again:
    errors_are_announced_and_motion_respects_the_preference(chromium, live_server)
    autosave_reaches_screen_readers_and_motion_stays_by_default(chromium, live_server)


def errors_are_announced_and_motion_respects_the_preference(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, reduced_motion="reduce")
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    try:
        sign_in_with_the_keyboard(page, "coordinator@medilink.test")
        # A flash message carrying a long address wraps on a phone.
        page.goto("/invitations/")
        page.get_by_label("Email").fill(LONG_ADDRESS)
        page.get_by_label("Role").select_option("mentor")
        page.get_by_role("button", name="Send invitation").click()
        page.get_by_text(f"Invitation sent to {LONG_ADDRESS}.").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

        # An invalid answer: the field names its error, and a summary is announced and focused.
        page.get_by_label("Email").fill("not an address")
        page.get_by_label("Role").select_option("mentor")
        page.get_by_role("button", name="Send invitation").click()
        summary = page.get_by_role("alert").filter(has_text="There is a problem")
        summary.wait_for()
        assert page.evaluate("document.activeElement.classList.contains('error-summary')")
        field = page.get_by_label("Email")
        assert field.get_attribute("aria-invalid") == "true"
        error = page.locator(f"#{field.get_attribute('aria-describedby')}")
        assert "valid email address" in error.inner_text()
        summary.get_by_role("link").click()
        assert page.evaluate("document.activeElement.id") == "id_email"

        # Motion: the design system stops animations and transitions under reduced motion.
        motion = page.evaluate("""() => {
          const el = document.createElement("div"); el.className = "spinner-border"; document.body.append(el);
          const button = document.querySelector(".btn");
          return [getComputedStyle(el).animationName, getComputedStyle(button).transitionDuration];
        }""")
        assert motion[0] == "none" and motion[1] in ("0s", "1e-05s"), motion
    finally:
        context.close()


def autosave_reaches_screen_readers_and_motion_stays_by_default(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    try:
        sign_in_with_the_keyboard(page, "student@warwick.ac.uk")
        page.goto(f"/applications/{draft_application().pk}/")
        page.locator("main .list-group a").first.click()
        status = page.locator("#autosave-status")
        assert status.get_attribute("aria-live") == "polite"
        page.locator("main textarea, main input[type=text]").first.fill("Biomedical engineering")
        page.locator("#autosave-status", has_text="Saved").wait_for()
        spinning = page.evaluate("""() => {
          const el = document.createElement("div"); el.className = "spinner-border"; document.body.append(el);
          return getComputedStyle(el).animationName;
        }""")
        assert spinning != "none", "without the preference, motion stays"
    finally:
        context.close()
