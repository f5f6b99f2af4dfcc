"""Interviews as a second stage: the set-up, the confirmed invitation, the scores beside the first
stage's on the application page and in the CSV."""

import csv
import io

import pytest
from django.urls import reverse

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import InterviewInvitation, InterviewScore, InterviewStage
from programmes.admissions.services import interviews
from tests.factories import PEOPLE_BY_ROLE, CoordinatorFactory, StaffFactory
from tests.factories_interviews import interviewing_cohort, invited, shortlist
from tests.factories_reviews import ReviewFactory, SubmittedApplicationFactory, university_in_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    return interviewing_cohort()


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


def invite_keys():
    return sorted(OutboxMessage.objects.filter(key__startswith="interview-invite:").values_list("key", flat=True))


def test_a_coordinator_sets_up_interviews_with_a_rubric(client, coordinator):
    seat = university_in_cohort()
    client.force_login(coordinator)
    url = reverse("interview_setup", args=[seat.cohort.pk])
    response = client.post(url, {"criteria": "Communication | 2\n\nUnderstanding of the sector"})
    assert response.status_code == 302
    assert InterviewStage.objects.get(cohort=seat.cohort).rubric == [
        {"key": "communication", "label": "Communication", "weight": 2},
        {"key": "understanding_of_the_sector", "label": "Understanding of the sector", "weight": 1},
    ]
    assert "Communication | 2" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ("", "This field is required."),
        ("Communication | two", "The weight on line 1 must be a whole number."),
        ("Communication | 11", "must be from 1 to 10"),
        ("Fit\nfit", "is listed twice"),
        ("| 2", "Line 1 has no criterion before the bar."),
    ],
)
def test_a_bad_rubric_is_explained_and_nothing_is_saved(client, coordinator, criteria, message):
    seat = university_in_cohort()
    client.force_login(coordinator)
    response = client.post(reverse("interview_setup", args=[seat.cohort.pk]), {"criteria": criteria})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not InterviewStage.objects.exists()


def test_the_rubric_cannot_change_once_interviews_are_scored(seat, coordinator):
    application = invited(seat)
    interviews.score_interview(application=application, interviewer=coordinator, scores={"communication": 4, "fit": 3})
    with pytest.raises(interviews.InterviewRefused, match="can no longer change"):
        interviews.set_up_interviews(
            cohort=seat.cohort, rubric=[{"key": "x", "label": "X", "weight": 1}], actor=coordinator
        )


def test_the_confirmation_lists_whom_it_emails_and_a_second_post_sends_nothing(
    client, seat, coordinator, django_capture_on_commit_callbacks
):
    first = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, student__full_name="Ada Okafor")
    second = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, student__full_name="Ben Hale")
    not_shortlisted = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, student__full_name="Cy Ng")
    for application in (first, second):
        shortlist(application)
    ReviewFactory(application=first, weighted_score=4.5)
    client.force_login(coordinator)
    url = reverse("interview_invite", args=[seat.cohort.pk])
    page = client.get(url).content.decode()
    assert "Invite 2 applicants to interview" in page
    assert "Ada Okafor" in page and "Ben Hale" in page and "Cy Ng" not in page and "4.50" in page
    assert "Book your interview for" in page and first.student.email in page  # the example email
    assert not OutboxMessage.objects.exists()

    data = {"application": [first.pk, second.pk, not_shortlisted.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
        client.post(url, data)
    assert invite_keys() == sorted([f"interview-invite:{first.pk}", f"interview-invite:{second.pk}"])
    assert not InterviewInvitation.objects.filter(application=not_shortlisted).exists()
    message = OutboxMessage.objects.get(key=f"interview-invite:{first.pk}")
    assert reverse("sessions:interview", args=[seat.cohort.pk]) in message.body_text
    assert "Nobody to invite" in client.get(url).content.decode()


def test_only_people_listed_on_the_confirmation_are_invited(seat, coordinator):
    listed, later = (SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner) for _ in range(2))
    shortlist(listed)
    shortlist(later)
    made = interviews.invite_shortlisted(cohort=seat.cohort, actor=coordinator, application_ids=[listed.pk])
    assert [i.application_id for i in made] == [listed.pk]


def test_invitations_need_an_interview_stage(coordinator):
    seat = university_in_cohort()
    with pytest.raises(interviews.InterviewRefused, match="Set up this cohort's interviews"):
        interviews.invite_shortlisted(cohort=seat.cohort, actor=coordinator, application_ids=[])


@pytest.mark.parametrize("name", ["interview_setup", "interview_invite"])
@pytest.mark.parametrize(("who", "status"), [("staff", 403), ("student", 403), ("mentor", 403)])
def test_interview_set_up_pages_are_for_coordinators(client, seat, name, who, status):
    client.force_login(PEOPLE_BY_ROLE[who]())
    assert client.get(reverse(name, args=[seat.cohort.pk])).status_code == status


def test_staff_score_an_interview_beside_the_first_stage(client, seat):
    application = invited(seat)
    staff = StaffFactory(partner=seat.partner)
    ReviewFactory(application=application, reviewer=staff, weighted_score=3.0)
    client.force_login(staff)
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert "Interview (second stage)" in page and "Score the interview" in page
    response = client.post(
        reverse("interview_score", args=[application.pk]),
        {"interview_communication": "5", "interview_fit": "2", "comment": "Clear on devices."},
    )
    assert response.status_code == 302
    score = InterviewScore.objects.get(application=application)
    assert score.weighted_score == 4.0  # (5×2 + 2×1) / 3
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert "1 interview score · weighted mean 4.00" in page and "Clear on devices." in page
    assert "weighted mean 3.00" in page  # the first stage's, beside it


def test_interview_scores_with_a_missing_criterion_are_refused(client, seat):
    application = invited(seat)
    staff = StaffFactory(partner=seat.partner)
    client.force_login(staff)
    client.post(reverse("interview_score", args=[application.pk]), {"interview_communication": "9"})
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert "The interview scores are not saved" in page
    assert not InterviewScore.objects.exists()


def test_a_second_score_by_the_same_interviewer_is_refused(seat, coordinator):
    application = invited(seat)
    interviews.score_interview(application=application, interviewer=coordinator, scores={"communication": 4, "fit": 3})
    with pytest.raises(interviews.InterviewRefused, match="already scored"):
        interviews.score_interview(
            application=application, interviewer=coordinator, scores={"communication": 1, "fit": 1}
        )


def test_an_applicant_not_invited_cannot_be_scored(seat, coordinator):
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    with pytest.raises(interviews.InterviewRefused, match="not been invited"):
        interviews.score_interview(
            application=application, interviewer=coordinator, scores={"communication": 4, "fit": 3}
        )


def test_another_universitys_staff_get_404_scoring(client, seat):
    application = invited(seat)
    client.force_login(StaffFactory())
    response = client.post(
        reverse("interview_score", args=[application.pk]), {"interview_communication": "5", "interview_fit": "2"}
    )
    assert response.status_code == 404
    assert not InterviewScore.objects.exists()


def test_the_csv_export_has_the_interview_figures(client, seat, coordinator):
    application = invited(seat)
    interviews.score_interview(application=application, interviewer=coordinator, scores={"communication": 5, "fit": 2})
    client.force_login(coordinator)
    rows = list(csv.reader(io.StringIO(client.get(reverse("review_export")).content.decode())))
    header, row = rows[0], rows[1]
    assert header[-2:] == ["Interview scores", "Interview mean"]
    assert row[-2:] == ["1", "4.0"]


@pytest.mark.parametrize("rows", [1, 10])
def test_the_invitation_confirmation_query_count_is_flat(client, seat, coordinator, django_assert_num_queries, rows):
    for application in SubmittedApplicationFactory.create_batch(rows, cohort=seat.cohort, partner=seat.partner):
        shortlist(application)
    client.force_login(coordinator)
    client.get(reverse("interview_invite", args=[seat.cohort.pk]))
    with django_assert_num_queries(5):  # the interview stage from the cache (read twice before)
        assert client.get(reverse("interview_invite", args=[seat.cohort.pk])).status_code == 200


def test_garbage_ids_on_the_confirmation_invite_nobody(client, seat, coordinator):
    shortlist(SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner))
    client.force_login(coordinator)
    url = reverse("interview_invite", args=[seat.cohort.pk])
    response = client.post(url, {"application": ["²", "9" * 40, "-1", "abc"]})
    assert response.status_code == 302
    assert not InterviewInvitation.objects.exists() and not OutboxMessage.objects.exists()
