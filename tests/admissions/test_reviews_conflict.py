"""A reviewer who declared a conflict of interest reads none of the application and has no say in
its decision, by every route; coordinators still see who declared what."""

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.admissions.models import ApplicationState as S
from programmes.admissions.models import StagedDecision
from programmes.admissions.services.decisions import DecisionRefused, stage_decision, unstage_decision
from tests.factories import CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_applications import CompleteApplicationFactory, private_media_fixture  # noqa: F401
from tests.factories_reviews import StagedDecisionFactory, university_in_cohort

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


@pytest.fixture
def application():
    seat = university_in_cohort()
    return CompleteApplicationFactory(
        cohort=seat.cohort,
        partner=seat.partner,
        state=S.SUBMITTED,
        submitted_at=timezone.now(),
        student=StudentFactory(full_name="Rosalind Franklin"),
        motivation="Canary motivation about imaging " * 3,
    )


@pytest.fixture
def conflicted(client, application):
    staff = StaffFactory(partner=application.partner, full_name="Pat Conflicted")
    client.force_login(staff)
    client.post(reverse("review_conflict", args=[application.pk]), {"reason": "My tutee"})
    return staff


def test_the_application_page_says_so_and_shows_no_answers(client, application, conflicted):
    response = client.get(reverse("review_application", args=[application.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You declared a conflict of interest with application" in page
    assert "Canary motivation" not in page
    assert "Submit review" not in page


def test_the_cv_is_a_404(client, application, conflicted):
    assert client.get(reverse("application_cv", args=[application.pk])).status_code == 404


def test_staging_and_unstaging_are_refused_with_a_sentence(client, application, conflicted):
    response = client.post(reverse("decision_stage", args=[application.pk]), {"decision": "rejected"})
    assert response.status_code == 400
    assert "You declared a conflict of interest" in response.content.decode()
    assert not StagedDecision.objects.exists()
    StagedDecisionFactory(application=application, decision="offered")
    response = client.post(reverse("decision_unstage", args=[application.pk]))
    assert response.status_code == 400
    assert StagedDecision.objects.get().decision == "offered"


def test_the_services_refuse_a_conflicted_reviewer_too(application, conflicted):
    with pytest.raises(DecisionRefused, match="conflict of interest"):
        stage_decision(application=application, decision="rejected", actor=conflicted)
    StagedDecisionFactory(application=application, decision="offered")
    with pytest.raises(DecisionRefused, match="conflict of interest"):
        unstage_decision(application=application, actor=conflicted)
    assert StagedDecision.objects.count() == 1


def test_a_colleague_without_a_conflict_still_reviews_and_decides(client, application, conflicted):
    client.force_login(StaffFactory(partner=application.partner))
    assert "Canary motivation" in client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert client.get(reverse("application_cv", args=[application.pk])).status_code == 200
    client.post(reverse("decision_stage", args=[application.pk]), {"decision": "rejected"})
    assert StagedDecision.objects.get().decision == "rejected"


def test_coordinators_see_who_declared_what(client, application, conflicted):
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert "Pat Conflicted declared a conflict of interest: My tutee." in page


def test_the_queue_keeps_the_row_but_not_its_content_and_the_export_leaves_it_out(client, application, conflicted):
    application.course = "Canary course in optics"
    application.save(update_fields=["course"])
    queue = client.get(reverse("review_queue")).content.decode()
    assert "Conflict declared" in queue
    assert "Canary course" not in queue
    export = client.get(reverse("review_export")).content.decode()
    assert "Canary course" not in export and "Rosalind" not in export
