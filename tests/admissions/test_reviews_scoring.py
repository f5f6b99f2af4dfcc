"""Scoring against the rubric, conflicts of interest, who sees whose scores, and calibration."""

import pytest
from django.urls import reverse

from programmes.admissions.models import Review
from programmes.admissions.services.applications import set_state
from programmes.admissions.services.reviews import ReviewRefused, submit_review
from tests.factories import CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_reviews import (
    ReviewFactory,
    StagedDecisionFactory,
    SubmittedApplicationFactory,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db

FULL_MARKS = {"score_motivation": 5, "score_potential": 5, "score_commitment": 5}


@pytest.fixture
def seat():
    return university_in_cohort()


@pytest.fixture
def application(seat):
    return SubmittedApplicationFactory(
        cohort=seat.cohort, partner=seat.partner, student=StudentFactory(full_name="Marie Curie")
    )


@pytest.fixture
def staff(seat):
    return StaffFactory(partner=seat.partner)


def page_of(client, application):
    return client.get(reverse("review_application", args=[application.pk])).content.decode()


def test_review_is_weighted_by_the_rubric_and_shows_mean_and_median(client, application, staff):
    ReviewFactory(application=application, weighted_score=2.0)
    ReviewFactory(application=application, weighted_score=3.0)
    client.force_login(staff)
    scores = {"score_motivation": 5, "score_potential": 2, "score_commitment": 2}
    response = client.post(reverse("review_submit", args=[application.pk]), {**scores, "recommendation": "offer"})
    assert response.status_code == 302
    review = Review.objects.get(reviewer=staff)
    assert review.weighted_score == pytest.approx((5 * 3 + 2 * 2 + 2 * 1) / 6, abs=0.001)  # 3.5
    page = page_of(client, application)
    assert "3 reviews · weighted mean 2.83 · median 3.00" in page


def test_missing_or_out_of_range_scores_are_refused_and_nothing_saved(client, application, staff):
    client.force_login(staff)
    response = client.post(reverse("review_submit", args=[application.pk]), {"score_motivation": 5})
    assert response.status_code == 400
    assert "give every criterion a score from 1 to 5" in response.content.decode()
    response = client.post(reverse("review_submit", args=[application.pk]), {**FULL_MARKS, "score_potential": 9})
    assert response.status_code == 400
    assert not Review.objects.exists()


def test_a_refused_review_keeps_the_staged_decision_shown(client, application, staff):
    StagedDecisionFactory(application=application, decision="waitlisted")
    client.force_login(staff)
    response = client.post(reverse("review_submit", args=[application.pk]), {"score_motivation": 5})
    assert response.status_code == 400
    assert 'name="decision" value="waitlisted" id="id_decision_1" required checked' in response.content.decode()


def test_a_second_review_by_the_same_person_is_refused(application, staff):
    submit_review(application=application, reviewer=staff, scores={"motivation": 3, "potential": 3, "commitment": 3})
    with pytest.raises(ReviewRefused):
        submit_review(
            application=application, reviewer=staff, scores={"motivation": 5, "potential": 5, "commitment": 5}
        )
    assert Review.objects.get().weighted_score == 3.0


def test_others_scores_visible_only_after_own_review(client, application, staff):
    ReviewFactory(application=application, comment="Strong candidate, says the colleague", weighted_score=4.0)
    client.force_login(staff)
    before = page_of(client, application)
    assert "Strong candidate" not in before
    assert "Other reviewers' scores appear once you have submitted your own." in before
    client.post(reverse("review_submit", args=[application.pk]), {**FULL_MARKS, "recommendation": "offer"})
    after = page_of(client, application)
    assert "Strong candidate, says the colleague" in after
    assert "weighted mean 4.50" in after


def test_answers_and_comments_are_shown_escaped(client, application, staff):
    application.motivation = "<script>alert(1)</script>"
    application.save()
    ReviewFactory(application=application, comment="<b>bold</b>")
    client.force_login(CoordinatorFactory())
    page = page_of(client, application)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_conflict_removes_the_reviewer_from_the_application(client, application, staff):
    client.force_login(staff)
    response = client.post(reverse("review_conflict", args=[application.pk]), {"reason": "My tutee"}, follow=True)
    assert "has left your review list" in response.content.decode()
    assert "0</strong> to review" in client.get(reverse("review_queue")).content.decode()
    assert "Marie Curie" not in client.get(reverse("review_queue"), {"mine": "to_review"}).content.decode()
    response = client.post(reverse("review_submit", args=[application.pk]), {**FULL_MARKS, "recommendation": "offer"})
    assert Review.objects.filter(reviewer=staff, conflict_declared=False).count() == 0
    page = page_of(client, application)
    assert "You declared a conflict of interest" in page
    assert "Submit review" not in page


def test_coordinators_see_conflicts_but_do_not_score(client, application, staff):
    ReviewFactory(application=application, reviewer=staff, conflict_declared=True, conflict_reason="Cousin", scores={})
    client.force_login(CoordinatorFactory())
    page = page_of(client, application)
    assert "declared a conflict of interest: Cousin" in page
    assert "Submit review" not in page


def test_history_shows_who_when_from_to_and_why(client, application, seat):
    staff = StaffFactory(partner=seat.partner, full_name="Pat Reviewer")  # a name with no HTML escapes
    set_state(application=application, to_state="waitlisted", actor=staff, reason="Strong field this year")
    client.force_login(staff)
    page = page_of(client, application)
    row = page.split('id="history-heading"', 1)[1]
    assert "<td>Pat Reviewer</td>" in row
    assert "<td>Submitted</td><td>Waitlisted</td><td>Strong field this year</td>" in row


def test_calibration_shows_each_reviewer_against_the_others_and_flags_disagreement(client, seat, staff):
    harsh = StaffFactory(partner=seat.partner, full_name="Harsh Reviewer")
    kind = StaffFactory(partner=seat.partner, full_name="Kind Reviewer")
    split = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    agreed = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    ReviewFactory(application=split, reviewer=harsh, weighted_score=2.0, scores={"motivation": 2})
    ReviewFactory(application=split, reviewer=kind, weighted_score=4.5, scores={"motivation": 5})
    ReviewFactory(application=agreed, reviewer=harsh, weighted_score=3.0, scores={"motivation": 3})
    ReviewFactory(application=agreed, reviewer=kind, weighted_score=3.5, scores={"motivation": 4})
    client.force_login(staff)
    page = client.get(reverse("review_calibration")).content.decode()
    # Harsh: average 2.50, spread 0.50, the others 4.00 on the same applications, difference -1.50
    assert '<th scope="row">Harsh Reviewer</th><td>2</td><td>2.50</td><td>0.50</td>' in page
    assert "<td>4.00</td>\n        <td>-1.50</td>" in page
    assert f"Application #{split.pk}</a>: 2 reviews, 3.00 points apart" in page
    assert f"Application #{agreed.pk}<" not in page


def test_calibration_flags_a_two_point_gap_on_one_criterion(client, seat, staff):
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    ReviewFactory(application=application, weighted_score=3.0, scores={"motivation": 2, "potential": 4})
    ReviewFactory(application=application, weighted_score=3.0, scores={"motivation": 4, "potential": 2})
    client.force_login(staff)
    assert f"Application #{application.pk}</a>: 2 reviews, 2.00 points apart" in (
        client.get(reverse("review_calibration")).content.decode()
    )


def test_calibration_of_another_university_is_not_shown(client, seat, staff):
    other = university_in_cohort(cohort=seat.cohort)
    ReviewFactory(
        application=SubmittedApplicationFactory(cohort=seat.cohort, partner=other.partner),
        reviewer__full_name="Foreign Reviewer",
    )
    client.force_login(staff)
    assert "Foreign Reviewer" not in client.get(reverse("review_calibration")).content.decode()


@pytest.mark.parametrize("reviews", [1, 6])
def test_application_page_query_count_does_not_grow_with_reviews(
    client, application, staff, django_assert_num_queries, application_page_queries, reviews
):
    ReviewFactory.create_batch(reviews, application=application)
    ReviewFactory(application=application, reviewer=staff)
    client.force_login(staff)
    client.get(reverse("review_application", args=[application.pk]))  # warm the session
    with django_assert_num_queries(application_page_queries):
        assert client.get(reverse("review_application", args=[application.pk])).status_code == 200
