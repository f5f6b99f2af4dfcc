"""An extension for someone who has already submitted would change nothing: it is refused, clearly."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.admissions.models import ApplicationExtension
from tests.factories import ApplicationFactory, CohortFactory, CoordinatorFactory, StudentFactory

pytestmark = pytest.mark.django_db


def grant(client, cohort, email):
    client.force_login(CoordinatorFactory())
    until = timezone.localtime(cohort.applications_close_at + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    return client.post(reverse("setup_extensions", args=[cohort.pk]), {"email": email, "until": until})


@pytest.mark.parametrize("state", ["submitted", "offered", "withdrawn"])
def test_an_extension_for_a_submitted_application_is_refused_with_the_reason(client, state):
    cohort = CohortFactory()
    student = StudentFactory(email="done@uni.ac.uk")
    ApplicationFactory(cohort=cohort, student=student, state=state, submitted_at=timezone.now())
    response = grant(client, cohort, "done@uni.ac.uk")
    page = response.content.decode()
    assert response.status_code == 200
    assert "done@uni.ac.uk has already submitted their application" in page and "No extension was granted." in page
    assert not ApplicationExtension.objects.exists()


def test_a_draft_or_no_application_still_gets_its_extension(client):
    cohort = CohortFactory()
    ApplicationFactory(cohort=cohort, student=StudentFactory(email="draft@uni.ac.uk"))
    StudentFactory(email="none@uni.ac.uk")
    assert grant(client, cohort, "draft@uni.ac.uk").status_code == 302
    assert grant(client, cohort, "none@uni.ac.uk").status_code == 302
    assert ApplicationExtension.objects.count() == 2


def test_a_submission_in_another_cohort_does_not_stand_in_the_way(client):
    cohort = CohortFactory()
    student = StudentFactory(email="two@uni.ac.uk")
    ApplicationFactory(student=student, state="submitted", submitted_at=timezone.now())
    assert grant(client, cohort, "two@uni.ac.uk").status_code == 302
