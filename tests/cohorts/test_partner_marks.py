"""Partner marks: a built-in wordmark for each founding partner, replaced by a coordinator's
upload (a raster image, checked), shown on the public cohort page and served to anyone."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from programmes.cohorts.models import Partner
from tests.factories import CohortPartnerFactory, CoordinatorFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(size=(200, 40)):
    buffer = BytesIO()
    Image.new("RGB", size, "#3c1053").save(buffer, format="PNG")
    return buffer.getvalue()


def partner_post(partner, mark):
    return {
        "name": partner.name,
        "short_name": partner.short_name,
        "slug": partner.slug,
        "email_domains": "\n".join(partner.email_domains),
        "mark": mark,
    }


def test_founding_partners_show_their_built_in_wordmark_and_others_their_name(client):
    cohort_partner = CohortPartnerFactory(partner=PartnerFactory(slug="warwick", name="University of Warwick"))
    CohortPartnerFactory(cohort=cohort_partner.cohort, partner=PartnerFactory(slug="keele", name="Keele University"))
    page = client.get(reverse("cohort_detail", args=[cohort_partner.cohort.slug])).content.decode()
    assert '<img src="/static/brand/warwick.svg" alt="University of Warwick"' in page
    assert '<span class="fw-semibold">Keele University</span>' in page


def test_a_coordinator_replaces_a_mark_and_the_public_page_serves_the_upload(client):
    cohort_partner = CohortPartnerFactory(partner=PartnerFactory(slug="warwick"))
    partner = cohort_partner.partner
    client.force_login(CoordinatorFactory())
    upload = SimpleUploadedFile("warwick.png", png(), content_type="image/png")
    response = client.post(reverse("setup_partner_edit", args=[partner.pk]), partner_post(partner, upload))
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.mark.name.startswith("partner-marks/warwick")

    client.logout()
    page = client.get(reverse("cohort_detail", args=[cohort_partner.cohort.slug])).content.decode()
    assert f'src="{partner.mark_url}"' in page and "brand/warwick.svg" not in page
    served = client.get(partner.mark_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png()


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "mark.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "Upload a valid image",
        ),
        ("mark.png", png((3000, 2000)) + b"\0" * 300_000, "256 KB or smaller"),
    ],
)
def test_a_mark_that_is_not_a_small_raster_image_is_refused(client, name, content, message):
    partner = PartnerFactory()
    client.force_login(CoordinatorFactory())
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("setup_partner_edit", args=[partner.pk]), partner_post(partner, upload))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Partner.objects.get(pk=partner.pk).mark


def test_a_partner_without_an_upload_has_no_mark_url_to_serve(client):
    partner = PartnerFactory()
    assert client.get(reverse("partner_mark", args=[partner.slug])).status_code == 404
