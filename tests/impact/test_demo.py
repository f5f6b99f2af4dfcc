"""seed_demo's finished cohort fills every section of the impact report, and its demo graduate
holds the named certificate and is asked for follow-up consent."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD
from programmes.completion.models import Certificate
from programmes.impact.demo import COHORT_SLUG, DEMO_CERTIFICATE_CODE, DEMO_GRADUATE
from programmes.impact.models import FollowUpSurvey
from tests.factories_applications import private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_the_finished_cohort_fills_the_report(seeded, client):
    assert client.login(email="coordinator@medilink.test", password=DEMO_PASSWORD)
    report = client.get(reverse("impact:report", args=[COHORT_SLUG])).context["report"]
    funnel = dict(report.funnel)
    assert funnel["Applied"] == 27 and funnel["Confirmed a place"] == 24
    assert 0 < funnel["In a life-sciences or medtech role"] < funnel["Completed (certificate)"] < 24
    assert report.attendance["rate"] and report.satisfaction["n"] and report.mentoring["hours"]
    assert report.distance and all(item["n"] > 0 for item in report.distance)
    assert report.follow_up["points"][0]["sent"] > report.follow_up["points"][0]["answered"] > 0


def test_staff_see_their_universitys_part(seeded, client):
    assert client.login(email="staff@aru.ac.uk", password=DEMO_PASSWORD)
    report = client.get(reverse("impact:report", args=[COHORT_SLUG])).context["report"]
    assert report.partner.slug == "aru" and dict(report.funnel)["Confirmed a place"] == 12


def test_the_demo_graduate_holds_the_named_certificate_and_is_asked_for_consent(seeded, client):
    assert Certificate.objects.get(code=DEMO_CERTIFICATE_CODE).participant.email == DEMO_GRADUATE
    assert client.login(email=DEMO_GRADUATE, password=DEMO_PASSWORD)
    assert "May we email you 6 and 12 months" in client.get(reverse("dashboard")).content.decode()


def test_seeding_twice_changes_nothing(seeded):
    surveys = FollowUpSurvey.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert FollowUpSurvey.objects.count() == surveys
