"""Reviewing that is fast: compact 1–5 scales with the cohort's descriptors, "save and next" through
the assigned queue first, the cohort's minimum reviews before a decision, and feedback for an
unsuccessful applicant released with the decision."""

import pytest
from django.urls import reverse
from django.utils.autoreload import file_changed

from programmes.admissions.forms.reviews import _unbound_review_fields
from programmes.admissions.models import Review
from programmes.admissions.services import decisions
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_reviews import (
    ReviewAssignmentFactory,
    ReviewFactory,
    SubmittedApplicationFactory,
    release_fingerprint,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db

SCORES = {"score_motivation": 4, "score_potential": 3, "score_commitment": 5, "recommendation": "offer"}


@pytest.fixture
def seat():
    return university_in_cohort()


@pytest.fixture
def staff(seat):
    return StaffFactory(partner=seat.partner)


def submitted(seat, **fields):
    return SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, **fields)


def test_each_criterion_is_a_fieldset_of_five_radios_with_its_descriptors(client, seat, staff):
    seat.cohort.rubric = [
        {
            "key": "motivation",
            "label": "Motivation",
            "weight": 2,
            "descriptors": ["No reason given", "", "", "", "Compelling"],
        }
    ]
    seat.cohort.save()
    application = submitted(seat)
    client.force_login(staff)
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert '<legend class="form-label fw-semibold fs-6 mb-1">Motivation' in page
    assert page.count('name="score_motivation"') == 5
    assert 'title="No reason given"' in page and 'title="Compelling"' in page
    assert 'aria-describedby="id_score_motivation_5_descriptor"' in page
    assert '<span class="visually-hidden" id="id_score_motivation_5_descriptor">Compelling</span>' in page


def test_an_edited_rubric_shows_on_the_next_review_page_escaped(client, seat, staff):
    # Every review page of a rubric shares its unbound form's printed fields, kept by the rubric.
    application = submitted(seat)
    client.force_login(staff)
    url = reverse("review_application", args=[application.pk])
    scales_before = client.get(url).content.decode().count('class="score-scale')
    assert scales_before == 3
    seat.cohort.rubric = [
        {"key": "motivation", "label": "Motivation <b>why</b>", "weight": 3, "descriptors": ["", "", "", "", "A & B"]}
    ]
    seat.cohort.save()
    page = client.get(url).content.decode()
    assert page.count('class="score-scale') == 1
    assert "Motivation &lt;b&gt;why&lt;/b&gt;" in page and "<b>why</b>" not in page
    assert "weight 3" in page and 'title="A &amp; B"' in page


def test_a_changed_template_is_printed_afresh_as_djangos_template_loader_does(client, seat, staff, tmp_path):
    # runserver's autoreloader sends file_changed for an edited template, and keeps the process.
    client.force_login(staff)
    client.get(reverse("review_application", args=[submitted(seat).pk]))
    assert _unbound_review_fields.cache_info().currsize
    file_changed.send(sender=None, file_path=tmp_path / "notes.txt")
    assert _unbound_review_fields.cache_info().currsize
    file_changed.send(sender=None, file_path=tmp_path / "_score_scale.html")
    assert not _unbound_review_fields.cache_info().currsize


def test_save_and_next_opens_the_assigned_application_first_then_the_queue(client, seat, staff):
    unassigned = submitted(seat)
    current, assigned = submitted(seat), submitted(seat)
    ReviewAssignmentFactory(application=current, reviewer=staff)
    ReviewAssignmentFactory(application=assigned, reviewer=staff)
    client.force_login(staff)
    response = client.post(reverse("review_submit", args=[current.pk]), {**SCORES, "then": "next"})
    assert response["Location"] == reverse("review_application", args=[assigned.pk])
    response = client.post(reverse("review_submit", args=[assigned.pk]), {**SCORES, "then": "next"})
    assert response["Location"] == reverse("review_application", args=[unassigned.pk])
    response = client.post(reverse("review_submit", args=[unassigned.pk]), {**SCORES, "then": "next"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("my_assignments")
    assert "Nothing is left for you to review." in response.content.decode()
    assert Review.objects.filter(reviewer=staff).count() == 3


def test_plain_save_stays_on_the_application(client, seat, staff):
    application = submitted(seat)
    client.force_login(staff)
    response = client.post(reverse("review_submit", args=[application.pk]), SCORES)
    assert response["Location"] == reverse("review_application", args=[application.pk])


def test_a_missing_score_keeps_the_chosen_ones_and_says_what_is_wrong(client, seat, staff):
    application = submitted(seat)
    client.force_login(staff)
    response = client.post(reverse("review_submit", args=[application.pk]), {"score_motivation": 4, "then": "next"})
    page = response.content.decode()
    assert response.status_code == 400 and "give every criterion a score from 1 to 5" in page
    assert 'value="4" autocomplete="off" required checked' in page
    assert not Review.objects.exists()


def test_a_refused_review_keeps_what_was_typed_and_marks_each_wrong_field(client, seat, staff):
    seat.cohort.gives_feedback = True
    seat.cohort.save()
    application = submitted(seat)
    client.force_login(staff)
    typed = {
        **SCORES,
        "recommendation": "not-a-choice",
        "comment": "Keen <b>&</b> able",
        "applicant_feedback": "x" * 4001,
    }
    response = client.post(reverse("review_submit", args=[application.pk]), typed)
    page = response.content.decode()
    assert response.status_code == 400 and not Review.objects.exists()
    assert 'class="select form-select is-invalid" required id="id_recommendation" aria-invalid="true"' in page
    assert "Select a valid choice. not-a-choice is not one of the available choices." in page
    assert (
        '<option value="offer">Offer a place</option>' in page
        and " selected" not in page.split("id_recommendation")[1][:60]
    )
    assert ">\nKeen &lt;b&gt;&amp;&lt;/b&gt; able</textarea>" in page
    assert 'id="id_applicant_feedback" aria-invalid="true">' in page
    assert "Ensure this value has at most 4000 characters (it has 4001)." in page
    assert 'value="4" autocomplete="off" required checked' in page  # the scores stay chosen


def test_a_decision_waits_for_the_cohorts_minimum_of_reviews(client, seat, staff):
    seat.cohort.min_reviews_for_decision = 2
    seat.cohort.save()
    application = submitted(seat)
    ReviewFactory(application=application)
    with pytest.raises(decisions.DecisionRefused, match="decides after 2 reviews, and application #.* needs 1 more"):
        decisions.stage_decision(application=application, decision="offered", actor=staff)
    client.force_login(staff)
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert "A decision can be staged once this application has 2 reviews: 1 more needed." in page
    assert reverse("decision_stage", args=[application.pk]) not in page
    response = client.post(reverse("decision_stage", args=[application.pk]), {"decision": "offered"}, follow=True)
    assert "needs 1 more" in response.content.decode()
    ReviewFactory(application=application, reviewer=staff)
    assert decisions.stage_decision(application=application, decision="offered", actor=staff).decision == "offered"


def test_a_conflict_does_not_count_as_a_review(seat, staff):
    seat.cohort.min_reviews_for_decision = 1
    seat.cohort.save()
    application = submitted(seat)
    ReviewFactory(application=application, conflict_declared=True, scores={}, weighted_score=None)
    with pytest.raises(decisions.DecisionRefused):
        decisions.stage_decision(application=application, decision="rejected", actor=CoordinatorFactory())


def test_feedback_is_asked_for_only_where_the_cohort_gives_it(client, seat, staff):
    application = submitted(seat)
    client.force_login(staff)
    url = reverse("review_application", args=[application.pk])
    assert "Feedback for the applicant" not in client.get(url).content.decode()
    client.post(reverse("review_submit", args=[application.pk]), {**SCORES, "applicant_feedback": "Ignored"})
    assert Review.objects.get().applicant_feedback == ""
    seat.cohort.gives_feedback = True
    seat.cohort.save()
    other = submitted(seat)
    assert "Feedback for the applicant" in client.get(reverse("review_application", args=[other.pk])).content.decode()


def test_feedback_reaches_the_applicant_with_a_released_rejection_not_before(client, seat, staff):
    seat.cohort.gives_feedback = True
    seat.cohort.save()
    application = submitted(seat)
    client.force_login(staff)
    client.post(
        reverse("review_submit", args=[application.pk]),
        {**SCORES, "comment": "Private: weak motivation", "applicant_feedback": "Say more about why medtech."},
    )
    decisions.stage_decision(application=application, decision="rejected", actor=staff)
    client.force_login(application.student)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Say more about why medtech." not in page
    decisions.release_decisions(cohort_partner=seat, actor=CoordinatorFactory(), audience=release_fingerprint(seat))
    page = client.get(reverse("dashboard")).content.decode()
    assert "Feedback from the reviewers" in page and "Say more about why medtech." in page
    assert "Private: weak motivation" not in page


def test_no_feedback_is_shown_with_an_offer(client, seat, staff):
    seat.cohort.gives_feedback = True
    seat.cohort.save()
    application = submitted(seat)
    ReviewFactory(application=application, reviewer=staff, applicant_feedback="Great work.")
    decisions.stage_decision(application=application, decision="offered", actor=staff)
    decisions.release_decisions(cohort_partner=seat, actor=CoordinatorFactory(), audience=release_fingerprint(seat))
    client.force_login(application.student)
    assert "Great work." not in client.get(reverse("dashboard")).content.decode()
