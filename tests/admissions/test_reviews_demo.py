"""The demo shows reviewing as it now works: lead reviewers with departments, the queue assigned by
the engine (the same-department rule visibly kept), rubric descriptors, and feedback on a turned
down applicant's dashboard. A second seed assigns nothing more."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD
from programmes.admissions.models import ReviewAssignment, ReviewerProfile
from programmes.cohorts.models import Cohort
from tests.factories_applications import private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_demo_queue_is_assigned_with_the_department_rule_kept(seeded):
    assert ReviewerProfile.objects.filter(is_lead=True).count() == 2
    pairs = ReviewAssignment.objects.values_list("application__course", "reviewer__email")
    assert ("MEng Biomedical Systems Engineering", "staff@warwick.ac.uk") not in set(pairs)
    assert ("MEng Biomedical Systems Engineering", "reviewer2@warwick.ac.uk") in set(pairs)
    count = ReviewAssignment.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert ReviewAssignment.objects.count() == count


def test_demo_reviewer_sees_assignments_and_descriptors(seeded, client):
    assert client.login(email="reviewer2@warwick.ac.uk", password=DEMO_PASSWORD)
    page = client.get(reverse("my_assignments")).content.decode()
    assert "0 of 6 done" in page
    pilot = Cohort.objects.get(slug="pilot-2027")
    application = pilot.applications.filter(partner__slug="warwick").first()
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert 'title="Compelling: specific, personal and backed by action"' in page


def test_demo_lead_sees_progress_and_turned_down_student_sees_feedback(seeded, client):
    assert client.login(email="staff@aru.ac.uk", password=DEMO_PASSWORD)
    assert "Ben Okafor" in client.get(reverse("assignments_manage")).content.decode()
    assert client.login(email="kwame.boateng@aru.ac.uk", password=DEMO_PASSWORD)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Feedback from the reviewers" in page and "link it to a pathway" in page
