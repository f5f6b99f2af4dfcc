"""Coordinators log requests that came by email or post, see the one-month deadline count down,
prepare the same bundle for that person, and read who looked at what."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessEvent
from accounts.services import record_access
from programmes.privacy.models import DataRequest, ExportBundle, RequestKind, add_one_month
from tests.factories import CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_applications import private_media_fixture  # noqa: F401
from tests.privacy.world import person_who_touched_everything

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-01-31", "2026-02-28"),
        ("2028-01-31", "2028-02-29"),
        ("2026-12-15", "2027-01-15"),
        ("2026-03-01", "2026-04-01"),
    ],
)
def test_the_deadline_is_one_calendar_month(received, due):
    assert add_one_month(datetime.date.fromisoformat(received)) == datetime.date.fromisoformat(due)


def test_the_list_counts_down_and_shows_overdue(client):
    today = timezone.localdate()
    DataRequest.objects.create(email="soon@example.org", kind=RequestKind.ACCESS, received_on=today)
    DataRequest.objects.create(
        email="late@example.org", kind=RequestKind.ERASURE, received_on=today - datetime.timedelta(days=40)
    )
    soon_days = (add_one_month(today) - today).days
    late_days = (today - add_one_month(today - datetime.timedelta(days=40))).days
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("privacy:request_list")).content.decode()
    assert f"due in {soon_days} days" in page
    assert f"overdue by {late_days} day" in page


def test_logging_a_request_links_the_account_and_refuses_a_future_date(client):
    student = StudentFactory(email="ada@uni.example.ac.uk")
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    url = reverse("privacy:request_list")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    bad = client.post(url, {"email": "ada@uni.example.ac.uk", "kind": "access", "received_on": tomorrow})
    assert "cannot be in the future" in bad.content.decode()
    response = client.post(
        url,
        {
            "email": "ADA@uni.example.ac.uk",
            "kind": "access",
            "received_on": "2026-11-20",
            "notes": "Letter, ID checked",
        },
    )
    logged = DataRequest.objects.get()
    assert response.url == reverse("privacy:request_detail", args=[logged.pk])
    assert (logged.person, logged.created_by) == (student, coordinator)


def test_a_coordinator_prepares_the_bundle_for_the_person(client, django_capture_on_commit_callbacks):
    world = person_who_touched_everything()
    coordinator = CoordinatorFactory()
    logged = DataRequest.objects.create(
        person=world["student"], email=world["student"].email, kind=RequestKind.ACCESS, received_on="2026-11-20"
    )
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:request_export", args=[logged.pk]))
    bundle = ExportBundle.objects.get(request=logged)
    assert response.url == reverse("privacy:bundle", args=[bundle.token])
    download = client.get(reverse("privacy:bundle_download", args=[bundle.token]))
    data = json.loads(zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).read("data.json"))
    assert data["admissions.Application"][0]["motivation"].startswith("I want to build insulin pumps")
    assert AccessEvent.objects.filter(what="export", actor=coordinator, subject=world["student"]).exists()


def test_the_access_log_filters_by_what_and_lists_in_constant_queries(client, django_assert_num_queries):
    coordinator = CoordinatorFactory()
    student = StudentFactory(full_name="Looked At")
    record_access(actor=StaffFactory(), what="application", subject=student, detail="application 1")
    record_access(actor=coordinator, what="export", subject=student)
    client.force_login(coordinator)
    url = reverse("privacy:access_log")
    page = client.get(url, {"what": "export"}).content.decode()
    assert "export" in page and "application 1" not in page
    with django_assert_num_queries(5):  # session, user, count, page of events with actors, kinds
        client.get(url)
    for _ in range(5):
        record_access(actor=StaffFactory(), what="cv", subject=student)
    with django_assert_num_queries(5):
        client.get(url)


def test_the_request_list_lists_in_constant_queries(client, django_assert_num_queries):
    client.force_login(CoordinatorFactory())
    DataRequest.objects.create(person=StudentFactory(), kind=RequestKind.ACCESS, received_on="2026-11-20")
    client.get(reverse("privacy:request_list"))
    with django_assert_num_queries(3):
        client.get(reverse("privacy:request_list"))
    for _ in range(4):
        DataRequest.objects.create(person=StudentFactory(), kind=RequestKind.ERASURE, received_on="2026-11-21")
    with django_assert_num_queries(3):
        client.get(reverse("privacy:request_list"))
