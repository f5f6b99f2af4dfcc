import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, CohortFactory, CoordinatorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def open_mail(page, axe_check, subject):
    page.goto("/mailbox/")
    axe_check(page)
    page.get_by_role("link", name=re.compile(subject, re.I)).first.click()
    axe_check(page)
    return page.get_by_test_id("mail-body").inner_text()


def test_prospect_registers_coordinator_sends_prospect_unsubscribes(page, axe_check, live_server):
    cohort = CohortFactory(name="Spring 2027 cohort")
    coordinator = CoordinatorFactory(email="coord@medilink.test")

    # A prospect registers interest and confirms by the emailed link.
    page.goto("/")
    axe_check(page)
    page.get_by_role("link", name="Register interest").click()
    axe_check(page)
    page.get_by_label("First name").fill("Rosalind")
    page.get_by_role("textbox", name=re.compile("^Email")).fill("rosalind@example.org")
    consent = page.get_by_label(re.compile("Yes, I would like Medilink Midlands to email me"))
    assert not consent.is_checked()
    consent.check()
    page.get_by_role("button", name="Register interest").click()
    page.wait_for_url(re.compile(r"/register-interest/sent/"))
    axe_check(page)
    body = open_mail(page, axe_check, "Confirm that you want to hear")
    confirm = re.search(r"(/register-interest/confirm/\S+/)", body).group(1)
    page.goto(confirm)
    axe_check(page)
    page.get_by_role("button", name="Yes, email me about new cohorts").click()
    expect(page.get_by_role("heading", name="Thank you, you are on the list")).to_be_visible()
    axe_check(page)

    # A coordinator builds a segment, previews, test-sends and sends.
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    axe_check(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Campaigns").click()
    axe_check(page)
    page.get_by_role("link", name="New campaign").click()
    page.get_by_label("Name").fill("Spring launch")
    page.get_by_role("combobox", name=re.compile("^Cohort")).select_option(label=cohort.name)
    page.get_by_label("Subject").fill("{{ cohort }} is open")
    page.get_by_label("Text body").fill("Hello {{ first_name }}, apply by {{ deadline }}: {{ apply_link }}")
    page.get_by_label("Sending rate (messages per minute)").fill("120")
    page.get_by_label("Only people who have not applied to this cohort").check()
    assert page.get_by_test_id("audience-count").inner_text() == "1"
    axe_check(page)
    page.get_by_role("button", name="Save draft").click()
    axe_check(page)
    page.get_by_role("link", name="Preview").click()
    assert "Hello Rosalind" in page.get_by_test_id("preview-text").inner_text()
    axe_check(page)
    page.get_by_role("link", name="Back to the campaign").click()
    page.get_by_role("button", name="Send a test to me").click()
    expect(page.get_by_text(f"A test email is on its way to {coordinator.email}")).to_be_visible()
    page.get_by_role("link", name="Review and send").click()
    expect(page.get_by_test_id("email-count")).to_be_visible()
    expect(page.get_by_test_id("example-email")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name=re.compile(r"^Send to \d+ (person|people)$")).click()
    expect(page.get_by_text("Sending has started")).to_be_visible()
    expect(page.locator("#campaign-progress")).to_contain_text("Progress: 100%")
    axe_check(page)

    # The coordinator previews a CSV import: each row's problems, nothing imported yet.
    page.goto("/campaigns/prospects/")
    axe_check(page)
    page.get_by_role("link", name="Import a CSV").click()
    axe_check(page)
    page.get_by_label("CSV file").set_input_files(
        files=[
            {
                "name": "fair.csv",
                "mimeType": "text/csv",
                "buffer": b"email,consent_source\nnew@example.org,Fair\nbad,\n",
            }
        ]
    )
    page.get_by_role("button", name="Preview the import").click()
    assert "1 row ready to import" in page.get_by_test_id("import-summary").inner_text()
    expect(page.get_by_text("bad email address; missing consent source")).to_be_visible()
    axe_check(page)

    # The prospect unsubscribes from the email's own link.
    body = open_mail(page, axe_check, "Spring 2027 cohort is open")
    assert "Hello Rosalind" in body
    unsubscribe = re.search(r"Unsubscribe at once: \S*(/unsubscribe/\S+/)", body).group(1)
    page.goto(unsubscribe)
    axe_check(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    axe_check(page)

    # The coordinator finds the unsubscribe on the suppression list and adds a complaint the mail
    # provider reported.
    page.goto("/campaigns/")
    page.get_by_role("link", name="Suppression list").click()
    axe_check(page)
    row = page.get_by_role("row", name=re.compile("rosalind@example.org"))
    expect(row).to_contain_text("Unsubscribed")
    expect(row).to_contain_text("Spring launch")
    page.get_by_label("Email address").fill("complainer@example.org")
    page.get_by_role("combobox", name=re.compile("^Reason")).select_option("complained")
    page.get_by_role("button", name="Suppress").click()
    expect(page.get_by_text("complainer@example.org is suppressed (complained)")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("complainer@example.org"))).to_contain_text("Complained")
    axe_check(page)
