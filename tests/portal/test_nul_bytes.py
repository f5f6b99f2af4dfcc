"""A NUL byte anywhere in a request is refused once, by the middleware, with a 400 page: never a
500 from the database (PostgreSQL text cannot hold one). The prospect import refuses a file that
carries one anywhere, not only in its first 8 KB."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.recruitment.models import Prospect
from tests.factories import CoordinatorFactory, StaffFactory

pytestmark = pytest.mark.django_db

REFUSED = "It contained a character the portal does not accept"

COORDINATOR_URLS = [
    "/reviews/?partner=%00",
    "/reviews/export.csv?partner=%00",
    "/campaigns/prospects/?q=%00",
    "/campaigns/suppressions/?q=%00",
    "/outbox/?q=%00",
    "/outbox/?status=%00&kind=%00",
    "/sessions/programme/?week=%00",
    "/reviews/?q=x&%00=1",
]
ANONYMOUS_URLS = ["/r/%00/", "/sessions/calendar/x%00.ics", "/register-interest/confirm/%00/"]


@pytest.mark.parametrize("url", COORDINATOR_URLS)
def test_a_nul_in_a_coordinators_query_is_a_400_page(client, url):
    client.force_login(CoordinatorFactory())
    response = client.get(url)
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


@pytest.mark.parametrize("url", ANONYMOUS_URLS)
def test_a_nul_in_a_public_path_is_a_400_page(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_a_nul_in_a_form_field_is_refused_and_nothing_saved(client):
    response = client.post(reverse("campaigns:register_interest"), {"email": "nul@example.org", "first_name": "A\x00B"})
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not Prospect.objects.exists()


def test_an_ordinary_query_still_passes(client):
    client.force_login(StaffFactory())
    assert client.get("/reviews/?q=Curie").status_code == 200


def test_a_prospect_csv_with_a_nul_after_its_first_8_kb_is_refused_on_the_form(client):
    client.force_login(CoordinatorFactory())
    rows = "".join(f"person{i}@example.org,fair\n" for i in range(400))
    content = ("email,consent_source\n" + rows + "late@example.org,fa\x00ir\n").encode()
    assert content.index(b"\x00") > 8192
    upload = SimpleUploadedFile("prospects.csv", content, content_type="text/csv")
    response = client.post(reverse("campaigns:prospect_import"), {"file": upload})
    assert response.status_code in (200, 400)
    assert "binary data" in response.content.decode()
    assert not Prospect.objects.exists()


def test_a_nul_in_an_uploads_field_name_is_refused(client):
    client.force_login(CoordinatorFactory())
    upload = SimpleUploadedFile("prospects.csv", b"email,consent_source\n", content_type="text/csv")
    response = client.post(reverse("campaigns:prospect_import"), {"fi\x00le": upload})
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "messages"])
def test_a_nul_in_a_cookie_is_dropped_and_expired_not_a_500(client, cookie):
    client.force_login(StaffFactory())
    client.cookies[cookie] = "tampered\x00value"
    response = client.get(reverse("dashboard"))
    assert response.status_code in (200, 302)  # a dropped session cookie signs the person out
    replaced = response.cookies[cookie]  # expired, or (the CSRF cookie) given a fresh value
    assert replaced["max-age"] == 0 or (replaced.value and "\x00" not in replaced.value)
    assert client.get(reverse("cohort_list")).status_code == 200  # and the next request is fine
