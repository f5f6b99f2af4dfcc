"""A participant who has attended their sessions and met their mentor answers the end
self-assessment, sees their progress complete, downloads the certificate and opens its verify URL.
axe-core checks every page."""

import pytest
from django.utils import timezone
from pypdf import PdfReader

from ftl_portal.outbox.models import OutboxMessage
from programmes.completion.models import Certificate
from tests.e2e.browser import sign_in
from tests.factories import CohortFactory, CoordinatorFactory, PathwayFactory
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


def test_coordinator_sets_criteria_watches_progress_emails_and_revokes(page, axe_check, live_server):
    cohort = CohortFactory(name="Autumn cohort")
    done = confirmed_student(cohort)
    attend(done, cohort, count=1)
    meet(done, cohort)
    missing = confirmed_student(cohort)
    attend(missing, cohort, count=2, status="no_show")
    coordinator = CoordinatorFactory()

    sign_in(page, axe_check, coordinator.email)
    page.goto("/setup/")
    page.get_by_role("link", name="Completion criteria of Autumn cohort").click()
    axe_check(page)
    page.get_by_label("Sessions attended, in all").fill("1")
    page.get_by_label("Mentor meetings logged").fill("1")
    page.get_by_label("The end-of-programme self-assessment is required").uncheck()
    page.get_by_role("button", name="Save the criteria").click()
    page.get_by_text("The completion criteria of Autumn cohort are saved.").wait_for()
    axe_check(page)

    page.get_by_role("button", name="Check completions and issue certificates").click()
    page.get_by_text("1 new certificate issued.").wait_for()
    page.get_by_label("Show").select_option("at_risk")
    page.get_by_role("button", name="Filter").click()
    page.get_by_text("missed 2 sessions").wait_for()
    axe_check(page)
    page.get_by_role("link", name="Email this list").click()
    axe_check(page)
    page.get_by_label("Message").fill("We missed you at the last two sessions.")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name=f"Preview (as {missing} will read it)").wait_for()
    axe_check(page)
    page.get_by_role("button", name="Confirm: send to 1 participant").click()
    page.get_by_text("Email queued for 1 participants.").wait_for()
    assert OutboxMessage.objects.filter(to=missing.email).count() == 1

    page.goto(f"/completion/cohorts/{cohort.pk}/")
    page.get_by_role("link", name=f"Revoke the certificate of {done}").click()
    axe_check(page)
    page.get_by_label("Reason for revoking").fill("Attendance was recorded against the wrong person.")
    page.get_by_role("button", name="Revoke the certificate").click()
    page.get_by_text("is revoked").wait_for()
    page.goto(f"/certificates/verify/{Certificate.objects.get(participant=done).code}/")
    page.get_by_text("We cannot confirm this certificate").wait_for()
    axe_check(page)
