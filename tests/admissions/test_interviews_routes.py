"""Role × route matrix for the notes, tags and interview pages."""

import pytest
from django.urls import reverse

from programmes.admissions.services import interviews
from tests.factories import CoordinatorFactory, MentorFactory, StaffFactory, StudentFactory
from tests.factories_interviews import InterviewSlotFactory, interviewing_cohort, invited

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    seat = interviewing_cohort()
    application = invited(seat)
    return {
        "seat": seat,
        "application": application,
        "slot": InterviewSlotFactory(cohort=seat.cohort),
        "own_staff": StaffFactory(partner=seat.partner),
        "other_staff": StaffFactory(),
        "coordinator": CoordinatorFactory(),
        "student": application.student,
        "other_student": StudentFactory(),
        "mentor": MentorFactory(),
    }


COHORT_PAGES = ["interview_setup", "interview_invite", "sessions:interview_slots"]


@pytest.mark.parametrize("name", COHORT_PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [("coordinator", 200), ("own_staff", 403), ("student", 403), ("mentor", 403), ("other_staff", 403)],
)
def test_cohort_interview_pages_by_role(client, world, name, who, status):
    client.force_login(world[who])
    assert client.get(reverse(name, args=[world["seat"].cohort.pk])).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("student", 200), ("other_student", 404), ("own_staff", 403), ("coordinator", 403), ("mentor", 403)],
)
def test_the_booking_page_is_for_the_invited_student(client, world, who, status):
    client.force_login(world[who])
    assert client.get(reverse("sessions:interview", args=[world["seat"].cohort.pk])).status_code == status


APPLICATION_POSTS = [
    "application_note_add",
    "application_tag_add",
    "application_tag_remove",
    "interview_score",
]


@pytest.mark.parametrize("name", APPLICATION_POSTS)
@pytest.mark.parametrize(
    ("who", "status"),
    [("own_staff", 302), ("coordinator", 302), ("other_staff", 404), ("student", 403), ("mentor", 403)],
)
def test_application_posts_by_role(client, world, name, who, status):
    client.force_login(world[who])
    response = client.post(reverse(name, args=[world["application"].pk]), {"text": "A note", "label": "x"})
    assert response.status_code == status


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("interview_setup", args=[w["seat"].cohort.pk]),
        lambda w: reverse("sessions:interview", args=[w["seat"].cohort.pk]),
        lambda w: reverse("sessions:interview_slots", args=[w["seat"].cohort.pk]),
        lambda w: reverse("interview_invite", args=[w["seat"].cohort.pk]),
    ],
)
def test_anonymous_people_are_sent_to_sign_in(client, world, url):
    response = client.get(url(world))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", APPLICATION_POSTS)
def test_anonymous_posts_are_sent_to_sign_in(client, world, name):
    response = client.post(reverse(name, args=[world["application"].pk]), {"text": "A note"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_cohort_that_does_not_exist_is_not_found(client, world):
    client.force_login(world["coordinator"])
    assert client.get(reverse("interview_setup", args=[99999])).status_code == 404


@pytest.mark.parametrize("scores", [1, 5])
def test_the_application_page_with_interviews_keeps_a_flat_query_count(
    client, world, django_assert_num_queries, application_page_queries, scores
):
    application, staff = world["application"], world["own_staff"]
    for _ in range(scores):
        interviews.score_interview(
            application=application, interviewer=CoordinatorFactory(), scores={"communication": 4, "fit": 3}
        )
    client.force_login(staff)
    url = reverse("review_application", args=[application.pk])
    client.get(url)
    # the page's own, with the interview stage found: its invitation and scores
    with django_assert_num_queries(application_page_queries + 2):
        assert client.get(url).status_code == 200
