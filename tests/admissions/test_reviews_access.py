"""Role × route matrix for every review, decision and offer page and the CSV export."""

import pytest
from django.urls import reverse

from programmes.admissions.models import StagedDecision
from tests.factories import CoordinatorFactory, MentorFactory, StaffFactory, StudentFactory
from tests.factories_reviews import SubmittedApplicationFactory, university_in_cohort

pytestmark = pytest.mark.django_db

GET_PAGES = ["review_queue", "review_export", "review_calibration", "decision_board"]
APPLICATION_PAGES = ["review_application"]
APPLICATION_POSTS = ["review_submit", "review_conflict", "decision_stage", "decision_unstage"]


@pytest.fixture
def world():
    seat = university_in_cohort(quota=2)
    other = university_in_cohort(cohort=seat.cohort)
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    return {
        "seat": seat,
        "other_seat": other,
        "application": application,
        "own_staff": StaffFactory(partner=seat.partner),
        "other_staff": StaffFactory(partner=other.partner),
        "coordinator": CoordinatorFactory(),
        "student": application.student,
        "other_student": StudentFactory(),
        "mentor": MentorFactory(),
    }


@pytest.mark.parametrize("name", GET_PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [("own_staff", 200), ("coordinator", 200), ("student", 403), ("mentor", 403), ("other_staff", 200)],
)
def test_list_pages_by_role(client, world, name, who, status):
    client.force_login(world[who])
    assert client.get(reverse(name)).status_code == status


@pytest.mark.parametrize("name", GET_PAGES + ["applications_funnel"])
def test_anonymous_people_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("coordinator", 200), ("own_staff", 200), ("other_staff", 200), ("student", 403), ("mentor", 403)],
)
def test_funnel_is_for_coordinators_and_staff(client, world, who, status):
    client.force_login(world[who])
    assert client.get(reverse("applications_funnel")).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("own_staff", 200), ("coordinator", 200), ("other_staff", 404), ("student", 403), ("other_student", 403)],
)
def test_application_page_by_role(client, world, who, status):
    client.force_login(world[who])
    assert client.get(reverse("review_application", args=[world["application"].pk])).status_code == status


@pytest.mark.parametrize("name", APPLICATION_POSTS)
@pytest.mark.parametrize(("who", "status"), [("other_staff", 404), ("student", 403), ("mentor", 403)])
def test_application_actions_refused_outside_scope(client, world, name, who, status):
    client.force_login(world[who])
    response = client.post(reverse(name, args=[world["application"].pk]), {"decision": "offered"})
    assert response.status_code == status
    assert not world["application"].reviews.exists()
    assert not StagedDecision.objects.exists()


def test_other_universitys_export_and_queue_filter_are_404(client, world):
    client.force_login(world["other_staff"])
    slug = world["seat"].partner.slug
    assert client.get(reverse("review_export"), {"partner": slug}).status_code == 404
    assert client.get(reverse("review_queue"), {"partner": slug}).status_code == 404
    export = client.get(reverse("review_export")).content.decode()
    assert export.count("\n") == 1  # the header row only
    queue = client.get(reverse("review_queue")).content.decode()
    assert reverse("review_application", args=[world["application"].pk]) not in queue


def test_other_universitys_release_is_404(client, world):
    client.force_login(world["other_staff"])
    assert client.post(reverse("decision_release", args=[world["seat"].pk])).status_code == 404


def test_staff_may_not_release_unless_the_cohort_allows(client, world):
    client.force_login(world["own_staff"])
    response = client.post(reverse("decision_release", args=[world["seat"].pk]), follow=True)
    assert "Only a coordinator releases decisions" in response.content.decode()
