import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from programmes.completion import services
from programmes.completion.models import Certificate
from programmes.events.models import BookingStatus
from tests.factories import CohortFactory, CoordinatorFactory, MentorFactory, PathwayFactory, StaffFactory
from tests.factories_completion import attend, complete_everything, meet, simple_criteria
from tests.factories_sessions import confirmed_student

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed():
    cohort = CohortFactory(name="FTL pilot cohort 2027")
    simple_criteria(cohort)
    student = confirmed_student(cohort)
    student.full_name = "Amara Okonkwo"
    student.save()
    complete_everything(student, cohort, pathways=[PathwayFactory(name="Regulatory affairs")])
    return student, cohort


def test_issue_if_complete_records_the_figures_once(completed):
    student, cohort = completed
    certificate = services.issue_if_complete(participant=student, cohort=cohort)
    assert (certificate.sessions_attended, certificate.mentoring_minutes) == (2, 90)
    assert certificate.pathways == ["Regulatory affairs"]
    assert services.issue_if_complete(participant=student, cohort=cohort) == certificate
    assert Certificate.objects.count() == 1


def test_no_certificate_before_the_criteria_are_met():
    cohort = CohortFactory()
    simple_criteria(cohort)
    student = confirmed_student(cohort)
    attend(student, cohort, count=2)
    assert services.issue_if_complete(participant=student, cohort=cohort) is None
    assert not Certificate.objects.exists()


def test_logging_the_last_meeting_issues_the_certificate(django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    simple_criteria(cohort, end_survey=False)
    student = confirmed_student(cohort)
    attend(student, cohort, count=2)
    with django_capture_on_commit_callbacks(execute=True):
        meet(student, cohort)
    assert Certificate.objects.filter(participant=student, cohort=cohort).exists()


def test_a_check_in_that_meets_the_criteria_issues_the_certificate(django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    simple_criteria(cohort, end_survey=False, mentor_meetings=0)
    student = confirmed_student(cohort)
    attend(student, cohort)
    [booking] = attend(student, cohort, status=BookingStatus.BOOKED)
    assert not Certificate.objects.exists()
    booking.status = BookingStatus.ATTENDED
    with django_capture_on_commit_callbacks(execute=True):
        booking.save()
    assert Certificate.objects.get(participant=student).sessions_attended == 2


def test_check_completions_issues_every_due_certificate(completed):
    student, cohort = completed
    confirmed_student(cohort)  # not complete
    assert services.check_completions(cohort=cohort) == 1
    assert services.check_completions(cohort=cohort) == 0


def test_the_pdf_carries_name_cohort_figures_and_verification_url(client, completed, settings):
    settings.SITE_URL = "https://ftl.example.org"
    student, cohort = completed
    certificate = services.issue_if_complete(participant=student, cohort=cohort)
    client.force_login(student)
    response = client.get(reverse("completion:certificate_pdf", args=[certificate.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Amara Okonkwo" in text
    assert "FTL pilot cohort 2027" in text
    assert "Sessions attended: 2" in text
    assert "Mentoring hours: 1.5" in text
    assert "Regulatory affairs" in text
    assert f"https://ftl.example.org/certificates/verify/{certificate.code}/" in text


def test_a_name_outside_latin1_still_renders(client, completed):
    student, cohort = completed
    student.full_name = "Łukasz Nowak 王"
    student.save()
    certificate = services.issue_if_complete(participant=student, cohort=cohort)
    client.force_login(CoordinatorFactory())
    response = client.get(reverse("completion:certificate_pdf", args=[certificate.pk]))
    assert "Lukasz Nowak" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_only_the_holder_and_coordinators_download(client, completed):
    student, cohort = completed
    certificate = services.issue_if_complete(participant=student, cohort=cohort)
    url = reverse("completion:certificate_pdf", args=[certificate.pk])
    assert client.get(url).status_code == 302  # sign in first
    for other in (confirmed_student(cohort), StaffFactory(), MentorFactory()):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.force_login(CoordinatorFactory())
    assert client.get(url).status_code == 200


def test_verify_page_valid_revoked_and_unknown(client, completed):
    student, cohort = completed
    certificate = services.issue_if_complete(participant=student, cohort=cohort)
    url = reverse("completion:verify", args=[certificate.code])
    page = client.get(url).content.decode()
    assert "valid Future Talent Laboratory certificate" in page and cohort.name in page
    assert "Amara" not in page
    unknown = client.get(reverse("completion:verify", args=["no-such-code"])).content.decode()
    assert "We cannot confirm this certificate" in unknown
    services.revoke_certificate(certificate=certificate, reason="Attendance was recorded in error.")
    revoked = client.get(url).content.decode()
    assert "We cannot confirm this certificate" in revoked and cohort.name not in revoked
    client.force_login(student)
    assert client.get(reverse("completion:certificate_pdf", args=[certificate.pk])).status_code == 404


def test_revoking_asks_a_coordinator_for_a_reason(client, completed):
    student, cohort = completed
    certificate = services.issue_if_complete(participant=student, cohort=cohort)
    url = reverse("completion:certificate_revoke", args=[certificate.pk])
    client.force_login(student)
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(CoordinatorFactory())
    page = client.get(url).content.decode()
    assert "cannot be undone" in page and certificate.code in page
    assert "This field is required" in client.post(url, {"reason": ""}).content.decode()
    response = client.post(url, {"reason": "Attendance was recorded in error."})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Attendance was recorded in error." and not certificate.is_valid
    client.post(url, {"reason": "again"})
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Attendance was recorded in error."
    assert "was revoked on" in client.get(url).content.decode()


def test_the_set_up_page_links_each_cohorts_progress(client):
    cohort = CohortFactory()
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("setup_index")).content.decode()
    assert reverse("completion:cohort", args=[cohort.pk]) in page
