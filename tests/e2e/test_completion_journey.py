"""A participant who has attended their sessions and met their mentor answers the end
self-assessment, sees their progress complete, downloads the certificate and opens its verify URL.
axe-core checks every page."""

import pytest
from django.utils import timezone
from pypdf import PdfReader

from programmes.completion.models import Certificate
from tests.e2e.browser import sign_in
from tests.factories import CohortFactory, PathwayFactory
from tests.factories_completion import attend, meet, simple_criteria
from tests.factories_sessions import confirmed_student

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_participant_completes_downloads_and_verifies(page, axe_check, live_server):
    PathwayFactory(name="Regulatory affairs", slug="regulatory-affairs")
    cohort = CohortFactory(name="Spring cohort", programme_ends_on=timezone.localdate())
    simple_criteria(cohort)
    student = confirmed_student(cohort)
    attend(student, cohort, count=2)
    meet(student, cohort, minutes=60)

    sign_in(page, axe_check, student.email)
    page.get_by_text("1 requirement left").wait_for()
    page.get_by_role("link", name="at the end").click()
    axe_check(page)
    for fieldset in page.locator("main fieldset").all():
        fieldset.get_by_label("4").check()
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_text("your answers are saved").wait_for()
    axe_check(page)
    page.get_by_role("link", name="Back to your dashboard").click()
    page.get_by_text("You have met every requirement").wait_for()
    axe_check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    text = PdfReader(download.value.path()).pages[0].extract_text()
    certificate = Certificate.objects.get(participant=student)
    verify_url = f"{live_server.url}/certificates/verify/{certificate.code}/"
    assert student.full_name in text and "Spring cohort" in text and verify_url in text

    page.goto(verify_url)
    page.get_by_text("This is a valid Future Talent Laboratory certificate.").wait_for()
    axe_check(page)
    assert student.full_name not in page.locator("main").inner_text()
