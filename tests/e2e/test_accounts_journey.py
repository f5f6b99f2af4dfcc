"""In Chromium: a coordinator resets a forgotten password from the emailed link, invites a member of
university staff, who accepts, sets up two-factor sign-in and signs in with a code. axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import CoordinatorFactory, PartnerFactory
from tests.factories_accounts import totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a-renewed-password-31"
STAFF_PASSWORD = "an-invited-password-58"


def sign_in(page, axe_check, email, password):
    page.goto("/accounts/login/")
    axe_check(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def open_latest_email(page, axe_check, to, subject):
    page.goto(f"/mailbox/?to={to}")
    axe_check(page)
    page.get_by_role("link", name=subject).first.click()
    axe_check(page)
    return page.get_by_test_id("mail-body").inner_text()


def choose_password(page, label, password, *, button):
    page.get_by_label(re.compile(rf"^\s*{label}\s*\*?\s*$")).fill(password)
    page.get_by_label(f"{label} (again)").fill(password)
    page.get_by_role("button", name=button).click()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/$"))


def test_password_reset_invitation_and_two_factor_in_the_browser(page, axe_check):
    coordinator = CoordinatorFactory(email="cora@medilink.test", full_name="Cora Coordinator")
    PartnerFactory(name="University of Warwick", short_name="Warwick", slug="warwick")

    # Forgotten password: the reset link arrives through the outbox.
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    axe_check(page)
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_role("button", name="Reset My Password").click()
    page.wait_for_url(re.compile(r"/accounts/password/reset/done/"))
    axe_check(page)
    body = open_latest_email(page, axe_check, coordinator.email, re.compile("Password Reset", re.I))
    page.goto(re.search(r"https?://\S+/accounts/password/reset/key/\S+/", body).group(0))
    axe_check(page)
    choose_password(page, "New password", NEW_PASSWORD, button="Change password")
    page.wait_for_url(re.compile(r"/accounts/password/reset/key/done/"))
    axe_check(page)

    sign_in(page, axe_check, coordinator.email, NEW_PASSWORD)
    page.wait_for_url(re.compile(r"/dashboard/"))
    expect(page.get_by_role("heading", name="Programme coordination")).to_be_visible()
    axe_check(page)

    # The coordinator invites a member of Warwick's staff.
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Admin").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Invitations").click()
    axe_check(page)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Email").fill("wendy@warwick.ac.uk")
    page.get_by_label("Full name").fill("Wendy Reviewer")
    page.get_by_label("Role").select_option(label="University staff")
    page.get_by_label("Partner university").select_option(label="Warwick")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to wendy@warwick.ac.uk.")).to_be_visible()
    axe_check(page)

    # The outbox shows the invitation; its detail page says where it went.
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Admin").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Outbox").click()
    page.get_by_label("Recipient or subject").fill("wendy")
    page.get_by_role("button", name="Filter").click()
    axe_check(page)
    page.get_by_role("link", name=re.compile("invited to the FTL Portal")).click()
    expect(page.get_by_text("wendy@warwick.ac.uk").first).to_be_visible()
    axe_check(page)
    sign_out(page)

    # Wendy accepts from the email, sets a password and must set up two-factor sign-in.
    body = open_latest_email(page, axe_check, "wendy@warwick.ac.uk", re.compile("invited", re.I))
    invitation_link = re.search(r"https?://\S+/invitations/accept/\S+/", body).group(0)
    page.goto(invitation_link)
    axe_check(page)
    choose_password(page, "Password", STAFF_PASSWORD, button="Create my account")
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    axe_check(page)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    axe_check(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    axe_check(page)
    page.get_by_role("link", name="Continue to your dashboard").click()
    expect(page.get_by_role("heading", name="Warwick · review dashboard")).to_be_visible()
    axe_check(page)
    sign_out(page)

    # The next sign-in asks for the code.
    sign_in(page, axe_check, "wendy@warwick.ac.uk", STAFF_PASSWORD)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    axe_check(page)
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    expect(page.get_by_role("heading", name="Warwick · review dashboard")).to_be_visible()

    # The link has done its work: a second use gets a clear page, not an error.
    response = page.goto(invitation_link)
    assert response.status == 410
    expect(page.get_by_role("heading", name="This invitation cannot be used")).to_be_visible()
    axe_check(page)
