import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programmes.recruitment.models import Prospect
from programmes.retention.models import RetentionRun, RetentionSchedule
from tests.factories import PASSWORD, CohortFactory, CoordinatorFactory
from tests.factories_campaigns import ProspectFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_edits_a_schedule_dry_runs_and_runs_it(page, axe_check):
    cohort = CohortFactory(name="FTL pilot")
    ProspectFactory(
        email="never-confirmed@example.org", confirmed_at=None, created_at=timezone.now() - timedelta(days=31)
    )
    coordinator = CoordinatorFactory()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    page.goto("/setup/")
    page.get_by_role("link", name="Retention schedule of FTL pilot").click()
    axe_check(page)
    assert page.get_by_label("Delete CVs").input_value() == "30"
    page.get_by_label("Delete CVs").fill("14")
    page.get_by_role("button", name="Save schedule").click()
    page.wait_for_url(re.compile(r"/setup/retention/$"))
    expect(page.get_by_text("Retention schedule of FTL pilot saved.")).to_be_visible()
    assert RetentionSchedule.objects.get(cohort=cohort).delete_cvs_after_days == 14
    axe_check(page)

    page.get_by_role("button", name="Dry run").click()
    expect(page.get_by_text("Dry run, nothing changed.")).to_be_visible()
    assert Prospect.objects.count() == 1

    page.get_by_role("link", name="Run now…").click()
    axe_check(page)
    expect(page.get_by_role("heading", name="Run the retention schedule now?")).to_be_visible()
    page.get_by_role("button", name="Run it now").click()
    expect(page.get_by_text("Retention run done")).to_be_visible()
    assert not Prospect.objects.exists()
    assert RetentionRun.objects.filter(rule="delete_unconfirmed_prospects", dry_run=False, count=1).exists()
