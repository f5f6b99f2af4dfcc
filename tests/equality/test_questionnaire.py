import pytest
from django.urls import reverse

from accounts.models import AccessEvent
from programmes.equality import services
from programmes.equality.models import EqualityResponse
from tests.factories import ApplicationFactory, StudentFactory
from tests.factories_reviews import SubmittedApplicationFactory

from .conftest import DISTINCTIVE


def test_a_student_answers_changes_and_withdraws(client, db):
    application = SubmittedApplicationFactory()
    client.force_login(application.student)
    url = reverse("equality:questionnaire", args=[application.cohort_id])
    page = client.get(url).content.decode()
    assert "Prefer not to say" in page and "never see them" in page and "no part in selection" in page
    assert url in client.get(reverse("dashboard")).content.decode()

    assert client.post(url, DISTINCTIVE).status_code == 302
    assert client.post(url, {**DISTINCTIVE, "sex": "female", "disability": "none"}).status_code == 302
    response = EqualityResponse.objects.get()  # one per student per cohort
    assert (response.sex, response.disability, response.disability_type) == ("female", "none", "")

    client.post(reverse("equality:withdraw", args=[application.cohort_id]))
    assert not EqualityResponse.objects.exists()


def test_prefer_not_to_say_is_every_questions_starting_answer(client, db):
    application = SubmittedApplicationFactory()
    client.force_login(application.student)
    form = client.get(reverse("equality:questionnaire", args=[application.cohort_id])).context["form"]
    assert {name: form[name].value() for name in DISTINCTIVE if name != "disability_type"} == dict.fromkeys(
        (name for name in DISTINCTIVE if name != "disability_type"), "prefer_not"
    )
    assert "Gypsy or Irish Traveller" in str(form)  # the text the staff-page scan looks for


def test_the_questionnaire_opens_only_after_submitting_and_only_for_ones_own_application(client, db):
    draft = ApplicationFactory()
    client.force_login(draft.student)
    assert client.get(reverse("equality:questionnaire", args=[draft.cohort_id])).status_code == 404
    other = SubmittedApplicationFactory()
    client.force_login(StudentFactory())
    assert client.get(reverse("equality:questionnaire", args=[other.cohort_id])).status_code == 404
    assert client.post(reverse("equality:questionnaire", args=[other.cohort_id]), DISTINCTIVE).status_code == 404


def test_staff_and_coordinators_may_not_open_the_questionnaire(client, answered):
    for who in ("staff", "coordinator"):
        client.force_login(answered[who])
        assert client.get(reverse("equality:questionnaire", args=[answered["cohort"].pk])).status_code == 403


def test_the_report_is_for_coordinators_only_and_its_opening_is_logged(client, answered):
    url = reverse("equality:report", args=[answered["cohort"].pk])
    client.force_login(answered["staff"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("equality:report_list")).status_code == 403
    client.force_login(answered["application"].student)
    assert client.get(url).status_code == 403
    client.force_login(answered["coordinator"])
    page = client.get(url).content.decode()
    assert "rounded to the nearest 5" in page and "under 22.5" in page
    assert AccessEvent.objects.filter(actor=answered["coordinator"], what="equality_report").count() == 1
    assert client.get(reverse("equality:report", args=[999999])).status_code == 404


def test_the_service_refuses_a_response_before_applying(db):
    draft = ApplicationFactory()
    with pytest.raises(services.NotYetApplied):
        services.save_response(student=draft.student, cohort=draft.cohort, answers=DISTINCTIVE)
    assert not EqualityResponse.objects.exists()
