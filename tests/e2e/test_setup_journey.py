import re

import pytest
from playwright.sync_api import expect

from programmes.admissions.models import ApplicationExtension
from programmes.cohorts.models import CohortPartner
from tests.factories import PASSWORD, CohortPartnerFactory, CoordinatorFactory, PathwayFactory, StudentFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_sets_up_quota_rubric_extension_and_a_pathway(page, axe_check):
    quota = CohortPartnerFactory(cohort__name="FTL pilot", quota=10)
    cohort = quota.cohort
    PathwayFactory(name="Regulatory affairs", slug="regulatory-affairs")
    StudentFactory(email="late@uni.ac.uk")
    coordinator = CoordinatorFactory()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Admin").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programme set-up").click()
    axe_check(page)

    page.get_by_role("link", name="FTL pilot", exact=True).click()
    axe_check(page)
    page.get_by_label(f"Places for {quota.partner.name}").fill("14")
    page.locator("#id_rubric-3-key").fill("experience")
    page.locator("#id_rubric-3-label").fill("Relevant experience")
    page.locator("#id_rubric-3-weight").fill("2")
    page.get_by_role("button", name="Save cohort").click()
    page.wait_for_url(re.compile(r"/setup/$"))
    expect(page.get_by_text("FTL pilot saved.")).to_be_visible()
    assert CohortPartner.objects.get(pk=quota.pk).quota == 14
    cohort.refresh_from_db()
    assert [c["key"] for c in cohort.rubric] == ["motivation", "potential", "commitment", "experience"]

    page.get_by_role("link", name="Extensions for FTL pilot").click()
    axe_check(page)
    page.get_by_label("Student's email address").fill("late@uni.ac.uk")
    page.get_by_label("May submit until").fill("2099-01-10T12:00")
    page.get_by_role("button", name="Grant extension").click()
    expect(page.get_by_text("late@uni.ac.uk may now submit until 10 January 2099, 12:00 GMT")).to_be_visible()
    assert ApplicationExtension.objects.filter(cohort=cohort).count() == 1

    page.goto("/setup/")
    page.get_by_role("link", name="Regulatory affairs").click()
    axe_check(page)
    page.get_by_label("Roles this pathway leads to").fill("Regulatory affairs officer")
    page.get_by_label("Level 4/5: Higher Technical Qualifications (HTQs)").check()
    page.get_by_role("button", name="Save career pathway").click()
    page.get_by_role("link", name="See the public pathways page").click()
    axe_check(page)
    page.get_by_role("link", name="Regulatory affairs", exact=True).click()
    axe_check(page)
    expect(page.get_by_text("Regulatory affairs officer")).to_be_visible()
    expect(page.get_by_text("Level 4/5: Higher Technical Qualifications (HTQs)")).to_be_visible()
