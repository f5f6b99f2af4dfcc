"""The finished demo cohort's impact report as a coordinator and as ARU staff meet it, and the
demo graduate giving consent to follow-up on their dashboard; every page passes axe."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from programmes.impact.demo import DEMO_GRADUATE
from programmes.impact.models import FollowUpConsent
from tests.factories_applications import private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_media")]


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/"))


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/$"))


def test_impact_report_and_follow_up_consent(page, axe_check):
    call_command("seed_demo", stdout=StringIO())

    sign_in(page, "coordinator@medilink.test")
    page.get_by_role("link", name="Impact reports").click()
    page.get_by_role("link", name="FTL 2026 pilot, finished").click()
    page.get_by_role("heading", name="From application to a role").wait_for()
    axe_check(page)
    funnel = page.get_by_role("table", name=re.compile("People at each stage"))
    assert "Confirmed a place" in funnel.inner_text() and "24" in funnel.inner_text()
    page.get_by_label("University").select_option(label="Anglia Ruskin University")
    page.get_by_role("button", name="Show").click()
    page.get_by_text("Anglia Ruskin University ·").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == "impact-ftl-2026-pilot-finished-aru.csv"
    sign_out(page)

    sign_in(page, "staff@aru.ac.uk")
    page.goto("/impact/ftl-2026-pilot-finished/")
    page.get_by_text("Anglia Ruskin University ·").wait_for()
    axe_check(page)
    assert page.goto("/impact/ftl-2026-pilot-finished/?university=warwick").status == 404
    page.goto("/dashboard/")
    sign_out(page)

    sign_in(page, DEMO_GRADUATE)
    panel = page.get_by_role("region", name="After the programme")
    assert "May we email you 6 and 12 months" in panel.inner_text()
    axe_check(page)
    panel.get_by_role("button", name="Yes, you may ask me").click()
    page.get_by_text("Thank you: we will ask you where you went").wait_for()
    assert FollowUpConsent.objects.get(participant__email=DEMO_GRADUATE).is_active
