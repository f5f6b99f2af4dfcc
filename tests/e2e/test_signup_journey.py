import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_student_signs_up_in_the_browser_reading_the_code_from_the_mailbox(page, axe_check):
    page.goto("/")
    axe_check(page)
    page.get_by_role("link", name="Create a student account").click()
    axe_check(page)
    page.get_by_label("Full name").fill("Grace Hopper")
    page.get_by_label("Email").fill("grace@aru.ac.uk")
    page.get_by_label(re.compile(r"^\s*Password\s*\*?\s*$")).fill("a-long-pass-123")
    page.get_by_label("Password (again)").fill("a-long-pass-123")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    axe_check(page)
    verify_url = page.url

    page.goto("/mailbox/")
    axe_check(page)
    page.get_by_role("link", name=re.compile("Confirm", re.I)).first.click()
    axe_check(page)
    body = page.get_by_test_id("mail-body").inner_text()
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", body).group(1)

    page.goto(verify_url)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    assert page.get_by_role("heading", name="Hello, Grace").is_visible()
    axe_check(page)
