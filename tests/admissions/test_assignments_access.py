"""Role × route matrix for My assignments, the assignment page and its actions: a lead of another
university gets 404 for this one's assignments and reviewers; everyone else without the right, 403."""

import pytest
from django.urls import reverse

from programmes.admissions.models import ReviewAssignment
from tests.factories import CoordinatorFactory, MentorFactory, StaffFactory
from tests.factories_reviews import (
    ReviewAssignmentFactory,
    SubmittedApplicationFactory,
    lead_reviewer,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db

PAGES = {"my_assignments": {"staff", "lead", "other_lead"}, "assignments_manage": {"coordinator", "lead", "other_lead"}}
POSTS = ["assignments_auto", "assignments_by_hand"]
OBJECT_POSTS = ["assignment_reassign", "assignment_remove"]


@pytest.fixture
def world():
    seat = university_in_cohort()
    other = university_in_cohort(cohort=seat.cohort)
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    return {
        "seat": seat,
        "assignment": ReviewAssignmentFactory(application=application),
        "staff": StaffFactory(partner=seat.partner),
        "lead": lead_reviewer(seat.partner),
        "other_lead": lead_reviewer(other.partner),
        "coordinator": CoordinatorFactory(),
        "student": application.student,
        "mentor": MentorFactory(),
    }


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("who", ["staff", "lead", "other_lead", "coordinator", "student", "mentor"])
def test_pages_by_role(client, world, name, who):
    client.force_login(world[who])
    assert client.get(reverse(name)).status_code == (200 if who in PAGES[name] else 403)


@pytest.mark.parametrize(("name", "method"), [(n, "get") for n in sorted(PAGES)] + [(n, "post") for n in POSTS])
def test_anonymous_people_are_sent_to_sign_in(client, name, method):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", POSTS)
@pytest.mark.parametrize(("who", "status"), [("staff", 403), ("student", 403), ("mentor", 403), ("other_lead", 404)])
def test_assigning_is_refused_outside_scope(client, world, name, who, status):
    client.force_login(world[who])
    seat = world["seat"]
    data = {
        "partner": seat.partner.slug,
        "cohort": seat.cohort.pk,
        "per_application": 1,
        "application": world["assignment"].application_id,
        "reviewer": world["staff"].pk,
    }
    assert client.post(reverse(name), data).status_code == status
    assert ReviewAssignment.objects.count() == 1


@pytest.mark.parametrize("name", OBJECT_POSTS)
@pytest.mark.parametrize(("who", "status"), [("staff", 403), ("student", 403), ("mentor", 403), ("other_lead", 404)])
def test_changing_an_assignment_is_refused_outside_scope(client, world, name, who, status):
    client.force_login(world[who])
    response = client.post(reverse(name, args=[world["assignment"].pk]), {"reviewer": world["staff"].pk})
    assert response.status_code == status
    assert ReviewAssignment.objects.get().reviewer_id == world["assignment"].reviewer_id


@pytest.mark.parametrize(("who", "status"), [("staff", 403), ("student", 403), ("other_lead", 404), ("lead", 302)])
def test_reviewer_details_by_role(client, world, who, status):
    client.force_login(world[who])
    assert client.post(reverse("reviewer_profile", args=[world["staff"].pk])).status_code == status
