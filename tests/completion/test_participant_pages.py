from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.completion import services
from programmes.completion.models import AssessmentStage, Certificate, SelfAssessment
from programmes.completion.selectors import assessment_items
from tests.factories import CohortFactory, PathwayFactory, StudentFactory
from tests.factories_completion import attend, complete_everything, meet, simple_criteria
from tests.factories_sessions import confirmed_student

pytestmark = pytest.mark.django_db


def all_answers(value=3):
    return {item.key: value for item in assessment_items()}


def test_dashboard_shows_progress_and_what_is_left(client):
    cohort = CohortFactory(name="Pilot")
    simple_criteria(cohort)
    student = confirmed_student(cohort)
    attend(student, cohort)
    client.force_login(student)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Completing Pilot" in page and "3 requirements left" in page
    assert "Sessions attended: 1 of 2" in page and "Mentor meetings logged: 0 of 1" in page
    assert "Download your certificate" not in page


def test_dashboard_offers_the_certificate_once_complete(client):
    cohort = CohortFactory()
    simple_criteria(cohort)
    student = confirmed_student(cohort)
    complete_everything(student, cohort)
    certificate = services.issue_if_complete(participant=student, cohort=cohort)
    client.force_login(student)
    page = client.get(reverse("dashboard")).content.decode()
    assert "You have met every requirement" in page
    assert reverse("completion:certificate_pdf", args=[certificate.pk]) in page


def test_no_panel_without_a_confirmed_place(client):
    client.force_login(StudentFactory())
    assert "Completing" not in client.get(reverse("dashboard")).content.decode()


def test_start_self_assessment_once_with_radios_in_fieldsets(client):
    PathwayFactory(name="Regulatory affairs", slug="regulatory-affairs")
    cohort = CohortFactory()
    student = confirmed_student(cohort)
    client.force_login(student)
    url = reverse("completion:assessment", args=[cohort.pk, "start"])
    page = client.get(url).content.decode()
    assert "<legend" in page and 'type="radio"' in page
    assert "what a career in Regulatory affairs involves" in page
    partial = client.post(url, {"pathway:regulatory-affairs": "3"})
    assert partial.status_code == 400 and "Please choose a number from 1 to 5" in partial.content.decode()
    assert client.post(url, {key: "9" for key in all_answers()}).status_code == 400
    assert client.post(url, {key: str(v) for key, v in all_answers().items()}).status_code == 302
    assert SelfAssessment.objects.get(participant=student).answers == all_answers()
    again = client.get(url).content.decode()
    assert 'type="radio"' not in again and "before and after" in again


def test_end_self_assessment_opens_two_weeks_before_the_end():
    cohort = CohortFactory(programme_ends_on=timezone.localdate() + timedelta(days=20))
    student = confirmed_student(cohort)
    keys = list(all_answers())
    with pytest.raises(services.CompletionRefusal, match="opens on"):
        services.submit_self_assessment(
            participant=student, cohort=cohort, stage=AssessmentStage.END, answers=all_answers(), items=keys
        )
    later = timezone.now() + timedelta(days=6)
    services.submit_self_assessment(
        participant=student, cohort=cohort, stage=AssessmentStage.END, answers=all_answers(), items=keys, now=later
    )
    with pytest.raises(services.CompletionRefusal, match="already answered"):
        services.submit_self_assessment(
            participant=student, cohort=cohort, stage=AssessmentStage.END, answers=all_answers(), items=keys, now=later
        )


def test_the_end_survey_completes_and_issues_the_certificate():
    cohort = CohortFactory(programme_ends_on=timezone.localdate())
    simple_criteria(cohort)
    student = confirmed_student(cohort)
    attend(student, cohort, count=2)
    meet(student, cohort)
    services.submit_self_assessment(
        participant=student, cohort=cohort, stage="end", answers=all_answers(), items=list(all_answers())
    )
    assert Certificate.objects.filter(participant=student, cohort=cohort).exists()


def test_before_and_after_side_by_side(client):
    cohort = CohortFactory(programme_ends_on=timezone.localdate())
    student = confirmed_student(cohort)
    keys = list(all_answers())
    services.submit_self_assessment(
        participant=student, cohort=cohort, stage="start", answers=all_answers(2), items=keys
    )
    services.submit_self_assessment(participant=student, cohort=cohort, stage="end", answers=all_answers(5), items=keys)
    client.force_login(student)
    page = client.get(reverse("completion:assessment", args=[cohort.pk, "end"])).content.decode()
    assert "<td>2</td><td>5</td>" in page


def test_only_participants_of_the_cohort_answer(client):
    cohort = CohortFactory()
    url = reverse("completion:assessment", args=[cohort.pk, "start"])
    client.force_login(StudentFactory())
    assert client.get(url).status_code == 404
    client.force_login(confirmed_student(cohort))
    assert client.get(reverse("completion:assessment", args=[cohort.pk, "middle"])).status_code == 404
    with pytest.raises(services.CompletionRefusal, match="confirmed place"):
        services.submit_self_assessment(
            participant=StudentFactory(), cohort=cohort, stage="start", answers=all_answers(), items=list(all_answers())
        )
