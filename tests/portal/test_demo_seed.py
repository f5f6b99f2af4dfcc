"""`seed_demo` leaves a living programme: a confirmed ARU student who can book, a review queue
at both universities, a Warwick student free to apply. Running it twice changes nothing."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD
from programmes.admissions.models import Application, ApplicationEvent, Review, StagedDecision
from programmes.admissions.models import ApplicationState as S
from programmes.cohorts.models import Cohort
from programmes.recruitment.models import Campaign, ConsentRecord, Prospect, Suppression
from programmes.recruitment.selectors import audience_for
from tests.factories_applications import private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_seed_gives_each_university_a_review_queue_and_a_confirmed_aru_student(seeded):
    pilot = Application.objects.filter(cohort__slug="pilot-2027")
    states = Counter(pilot.values_list("partner__slug", "state"))
    assert states == {("warwick", S.SUBMITTED): 6, ("aru", S.SUBMITTED): 6, ("aru", S.CONFIRMED): 1}
    confirmed = pilot.get(state=S.CONFIRMED)
    assert confirmed.student.email == "student@aru.ac.uk"
    # Through set_state: the audit trail records each move.
    assert list(confirmed.events.values_list("to_state", flat=True)) == [S.SUBMITTED, S.OFFERED, S.CONFIRMED]
    assert not Application.objects.filter(student__email="student@warwick.ac.uk").exists()


def test_seed_twice_changes_nothing(seeded):
    applications, events = Application.objects.count(), ApplicationEvent.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert (Application.objects.count(), ApplicationEvent.objects.count()) == (applications, events)


def test_demo_aru_student_sees_sessions_to_book(seeded, client):
    assert client.login(email="student@aru.ac.uk", password=DEMO_PASSWORD)
    page = client.get(reverse("sessions:schedule")).content.decode()
    assert "Getting a medical device to market" in page
    assert "Cambridge medtech networking evening" in page
    assert "Welcome evening: meet the pilot cohort" in page
    # The Warwick-only workshop is not for an ARU student.
    assert "Quality management hands-on" not in page


def test_a_queued_demo_student_can_log_in(seeded, client):
    assert client.login(email="grace.owusu@warwick.ac.uk", password=DEMO_PASSWORD)
    assert "Submitted" in client.get(reverse("dashboard")).content.decode()


def test_seed_leaves_a_draft_campaign_with_a_consenting_audience_and_a_suppression_list(seeded, client):
    campaign = Campaign.objects.get()
    assert campaign.status == "draft"
    audience = set(audience_for(campaign=campaign).values_list("email", flat=True))
    # Confirmed prospects only: the one awaiting confirmation and the suppressed addresses are left out.
    assert "maya.evans@warwick.ac.uk" in audience and "new.signup@example.org" not in audience
    assert not audience & set(Suppression.objects.values_list("email", flat=True))
    assert sorted(Suppression.objects.values_list("reason", flat=True)) == ["bounced", "complained", "unsubscribed"]
    assert ConsentRecord.objects.count() == Prospect.objects.count()

    client.login(email="coordinator@medilink.test", password=DEMO_PASSWORD)
    assert "Pilot 2027: applications open" in client.get(reverse("campaigns:list")).text
    preview = client.get(reverse("campaigns:preview", args=[campaign.pk])).text
    assert "Applications are open for FTL pilot cohort 2027" in preview
    assert "not.me@example.org" in client.get(reverse("campaigns:suppressions")).text

    call_command("seed_demo", stdout=StringIO())
    assert (Campaign.objects.count(), Prospect.objects.count(), Suppression.objects.count()) == (1, 9, 3)


def test_seed_stages_two_warwick_decisions_for_the_coordinator_to_confirm(seeded, client):
    staged = StagedDecision.objects.order_by("application__student__email")
    assert [(s.application.student.email, s.decision) for s in staged] == [
        ("ella.hughes@warwick.ac.uk", S.OFFERED),
        ("omar.siddiqui@warwick.ac.uk", S.WAITLISTED),
    ]
    client.login(email="coordinator@medilink.test", password=DEMO_PASSWORD)
    board = client.get(reverse("decision_board")).text
    assert "Ella Hughes" in board and "Release 2 decisions" in board
    page = client.get(
        reverse("decision_release", args=[staged[0].application.cohort.cohort_partners.get(partner__slug="warwick").pk])
    ).text
    assert "Release 2 decisions?" in page and "5.00 (1)" in page
    call_command("seed_demo", stdout=StringIO())
    assert StagedDecision.objects.count() == 2 and Review.objects.count() == 2


def test_demo_matching_run_shows_a_pin_overriding_the_mode_and_time_rules(seeded):
    from mentoring.matching import solve
    from mentoring.services import snapshot

    cohort = Cohort.objects.get(slug="mentoring-demo-2026")
    data = snapshot.take(cohort=cohort)
    problem = snapshot.problem_from(data, objective="participation", weights={}, options={})
    result = solve(problem)
    kwame = next(s["id"] for s in data["students"] if s["name"] == "Kwame Asante")
    assert next(p for p in result.pairs if p.student == kwame).overrides == ["mode", "availability"]
