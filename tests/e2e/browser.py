"""Steps every browser journey takes: signing in through the real login form and signing out."""

import re

from tests.factories import PASSWORD


def log_in(page, email, password=PASSWORD):
    """Fill the login form already on screen; most roles land on their dashboard."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))


def sign_in(page, axe_check, email, password=PASSWORD):
    page.goto("/accounts/login/")
    axe_check(page)
    log_in(page, email, password)
    axe_check(page)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/$"))
