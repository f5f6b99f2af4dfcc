"""The demo as a visitor meets it after `make run`: a pathway page lists its sessions, the ARU demo
student books the welcome evening, a queued applicant sees their answers, not a deadline."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from programmes.events.models import Booking, BookingStatus
from tests.factories_applications import private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_media")]


def sign_in(page, axe_check, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    axe_check(page)


def test_the_demo_shows_a_living_programme(page, axe_check):
    call_command("seed_demo", stdout=StringIO())

    # A short page keeps its footer at the foot of the window, not halfway up it.
    page.goto("/cohorts/")
    footer = page.locator("body > footer").bounding_box()
    assert abs(footer["y"] + footer["height"] - page.viewport_size["height"]) <= 1

    page.goto("/pathways/regulatory-affairs/")
    axe_check(page)
    sessions = page.get_by_role("region", name="Upcoming sessions on this pathway")
    assert "Welcome evening: meet the pilot cohort" in sessions.inner_text()
    assert re.search(r"\d\d:\d\d (GMT|BST)", sessions.inner_text())

    sign_in(page, axe_check, "student@aru.ac.uk")
    page.get_by_role("link", name="Sessions", exact=True).click()
    axe_check(page)
    welcome = page.get_by_role("row").filter(has_text="Welcome evening: meet the pilot cohort")
    welcome.get_by_role("button", name=re.compile("^Book a seat")).click()
    page.get_by_text("Your seat is booked.").wait_for()
    axe_check(page)
    booking = Booking.objects.get(
        participant__email="student@aru.ac.uk", session__title__startswith="Welcome evening: meet the pilot"
    )
    assert booking.status == BookingStatus.BOOKED
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/$"))

    sign_in(page, axe_check, "ella.hughes@warwick.ac.uk")
    page.get_by_role("link", name="See your answers").click()
    page.get_by_role("heading", name="Your answers to FTL pilot cohort 2027").wait_for()
    axe_check(page)
