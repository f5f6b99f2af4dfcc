"""Right of access: the zip holds the person's data and nobody else's, reviewers stay anonymous,
the link expires, downloads are logged, and a prospect gets theirs through a signed link."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessEvent
from ftl_portal.outbox.models import OutboxMessage
from programmes.privacy.models import BundleStatus, ExportBundle
from programmes.privacy.services import purge_expired, request_export
from tests.factories_applications import private_media_fixture  # noqa: F401
from tests.factories_campaigns import ProspectFactory
from tests.privacy.world import CV_BYTES, person_who_touched_everything, someone_else

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


def without_csrf(page):
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", page)


def download(client, bundle):
    response = client.get(reverse("privacy:bundle_download", args=[bundle.token]))
    assert response.status_code == 200
    # A copy of someone's data: no shared proxy or browser cache may keep it.
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_the_persons_data_and_no_one_elses(client, django_capture_on_commit_callbacks):
    world = person_who_touched_everything()
    someone_else()
    client.force_login(world["student"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:my_data"))
    bundle = ExportBundle.objects.get(person=world["student"])
    assert response.url == reverse("privacy:bundle", args=[bundle.token])
    page = client.get(response.url).content.decode()
    assert "Ready." in page and "Download your data" in page

    archive = download(client, bundle)
    data = json.loads(archive.read("data.json"))
    index = archive.read("index.html").decode()
    assert data["admissions.Application"][0]["motivation"] == "I want to build insulin pumps, said Zanele."
    assert data["events.Booking"][0]["session"] == "Regulatory affairs talk"
    assert data["recruitment.ConsentRecord"][0]["wording"] == "Email me about FTL"
    assert data["outbox.OutboxMessage"][0]["subject"] == "Your application to FTL"
    assert data["admissions.Review"][0]["comment"] == "Strong on devices; Zanele knows pumps."
    assert data["access_log"] == [
        {
            "what": "application",
            "at": data["access_log"][0]["at"],
            "role": "University staff",
            "organisation": str(world["application"].partner),
        }
    ]
    assert "insulin pumps" in index and "Regulatory affairs talk" in index and "<h2>Session bookings</h2>" in index
    assert any(name.startswith("emails/") and "thank you" in archive.read(name).decode() for name in archive.namelist())
    assert archive.read(f"cv/{world['application'].cohort.slug}.pdf") == CV_BYTES
    everything = index + archive.read("data.json").decode()
    assert "Rosalind" not in everything and "Quill" not in everything  # reviewers' names withheld
    assert "Tiberius" not in everything
    assert AccessEvent.objects.filter(what="export", subject=world["student"], actor=world["student"]).count() == 1


def test_an_expired_link_is_refused(client, django_capture_on_commit_callbacks):
    world = person_who_touched_everything()
    client.force_login(world["student"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:my_data"))
    bundle = ExportBundle.objects.get(person=world["student"])
    ExportBundle.objects.filter(pk=bundle.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("privacy:bundle_download", args=[bundle.token]))
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not AccessEvent.objects.filter(what="export").exists()


def test_another_persons_bundle_is_not_found(client, django_capture_on_commit_callbacks):
    world = person_who_touched_everything()
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(world["student"])
        client.post(reverse("privacy:my_data"))
    bundle = ExportBundle.objects.get()
    client.force_login(someone_else())
    assert client.get(reverse("privacy:bundle", args=[bundle.token])).status_code == 404
    assert client.get(reverse("privacy:bundle_download", args=[bundle.token])).status_code == 404


def test_the_page_shows_progress_while_the_worker_builds(client):
    world = person_who_touched_everything()
    client.force_login(world["student"])
    client.post(reverse("privacy:my_data"))  # no commit: the worker has not run
    bundle = ExportBundle.objects.get()
    assert bundle.status == BundleStatus.QUEUED
    fragment = client.get(reverse("privacy:bundle", args=[bundle.token]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" in fragment and "preparing your copy" in fragment


def test_a_prospect_gets_a_link_and_the_form_never_says_who_is_on_the_list(client, django_capture_on_commit_callbacks):
    ProspectFactory(email="pat@example.org", first_name="Pat")
    url = reverse("privacy:prospect_request")
    known = client.post(url, {"email": "pat@example.org"}).content.decode()
    unknown = client.post(url, {"email": "nobody@example.org"}).content.decode()
    assert "If we hold data about that address, we've emailed a link" in known
    assert without_csrf(known) == without_csrf(unknown)
    assert not OutboxMessage.objects.filter(to="nobody@example.org").exists()

    email = OutboxMessage.objects.get(to="pat@example.org")
    link = email.body_text.split("http://testserver", 1)[1].split()[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    bundle = ExportBundle.objects.get(email="pat@example.org")
    archive = download(client, bundle)
    data = json.loads(archive.read("data.json"))
    assert data["recruitment.Prospect"][0]["email"] == "pat@example.org"
    assert data["recruitment.ConsentRecord"][0]["wording"] == "Email me about FTL"
    assert response.url == reverse("privacy:bundle", args=[bundle.token])


def test_a_forged_prospect_link_is_refused(client):
    assert client.get(reverse("privacy:prospect_link", args=["not-a-real-token"])).status_code == 410


def test_a_second_click_while_building_gets_the_same_copy(client):
    world = person_who_touched_everything()
    client.force_login(world["student"])
    first = client.post(reverse("privacy:my_data"))
    second = client.post(reverse("privacy:my_data"))
    assert first.url == second.url and ExportBundle.objects.count() == 1


def test_expired_zips_are_deleted_by_the_hourly_scan(private_media, django_capture_on_commit_callbacks):
    world = person_who_touched_everything()
    with django_capture_on_commit_callbacks(execute=True):
        bundle = request_export(requested_by=world["student"], person=world["student"])
    bundle.refresh_from_db()
    zip_path = private_media / bundle.file.name
    assert zip_path.exists()
    assert purge_expired(now=bundle.expires_at - timedelta(seconds=1)) == 0
    assert purge_expired(now=bundle.expires_at) == 1
    assert not zip_path.exists()
