import io
import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.factories import PASSWORD, StudentFactory
from tests.factories_applications import CompleteApplicationFactory, private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_media")]


def test_a_student_downloads_their_data_then_deletes_their_account(page, axe_check):
    student = StudentFactory(email="ada@uni.example.ac.uk", full_name="Ada Lovelace")
    CompleteApplicationFactory(student=student, motivation="Pumps and pacemakers.")

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(student.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    page.get_by_role("link", name="Download your data or delete your account").click()
    axe_check(page)
    page.get_by_role("button", name="Prepare a copy of my data").click()
    page.wait_for_url(re.compile(r"/privacy/exports/"))
    link = page.get_by_role("link", name="Download your data (zip)")
    link.wait_for()
    axe_check(page)
    with page.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert json.loads(archive.read("data.json"))["admissions.Application"][0]["motivation"] == "Pumps and pacemakers."

    page.goto("/privacy/my-data/")
    page.get_by_role("link", name="Find out what happens and delete your account").click()
    axe_check(page)
    page.get_by_label("Type your email address to confirm").fill(student.email)
    page.get_by_role("button", name="Delete my account and erase my data").click()
    expect(page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
    axe_check(page)
    assert User.objects.get(pk=student.pk).full_name == "Erased person"
