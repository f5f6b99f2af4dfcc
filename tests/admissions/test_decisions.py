"""Staged decisions within the quota, release through set_state, the waiting list and offer expiry."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import Application, ApplicationEvent, StagedDecision
from programmes.admissions.services import decisions
from programmes.admissions.services.applications import set_state
from programmes.admissions.tasks import expire_offers
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_reviews import (
    StagedDecisionFactory,
    SubmittedApplicationFactory,
    release_fingerprint,
    university_in_cohort,
)


@pytest.fixture
def seat(db):
    return university_in_cohort(quota=1)


@pytest.fixture
def staff(seat):
    return StaffFactory(partner=seat.partner)


def submitted(seat, **kwargs):
    return SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, **kwargs)


def decision_keys():
    return sorted(OutboxMessage.objects.filter(key__startswith="decision:").values_list("key", flat=True))


@pytest.mark.django_db
def test_an_offer_beyond_the_quota_is_refused_with_a_message(client, seat, staff):
    first, second = submitted(seat), submitted(seat)
    client.force_login(staff)
    client.post(reverse("decision_stage", args=[first.pk]), {"decision": "offered"})
    response = client.post(reverse("decision_stage", args=[second.pk]), {"decision": "offered"}, follow=True)
    page = response.content.decode()
    assert "No place left" in page and "has 1 place in this cohort and 1 is offered, confirmed or staged" in page
    assert list(StagedDecision.objects.values_list("application_id", flat=True)) == [first.pk]
    # A waiting-list place is not limited by the quota.
    client.post(reverse("decision_stage", args=[second.pk]), {"decision": "waitlisted"})
    assert StagedDecision.objects.get(application=second).decision == "waitlisted"


@pytest.mark.django_db
def test_quota_counts_offered_and_confirmed_places(seat, staff):
    set_state(application=submitted(seat), to_state="offered", actor=staff)
    with pytest.raises(decisions.DecisionRefused):
        decisions.stage_decision(application=submitted(seat), decision="offered", actor=staff)


@pytest.mark.django_db
def test_a_decision_the_state_does_not_allow_is_refused(seat, staff):
    application = submitted(seat, state="rejected")
    with pytest.raises(decisions.DecisionRefused, match="cannot be given this decision"):
        decisions.stage_decision(application=application, decision="offered", actor=staff)


@pytest.mark.django_db
def test_quota_and_staged_decision_are_shown(client, seat, staff):
    application = submitted(seat)
    decisions.stage_decision(application=application, decision="offered", actor=staff)
    client.force_login(staff)
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert "places in this cohort: 1 of 1 offered, confirmed or staged as offers" in page
    assert "Staged: <strong>Offer a place</strong>" in page
    board = client.get(reverse("decision_board")).content.decode()
    assert "Places: 1 of 1" in board and "A coordinator releases these decisions." in board


@pytest.mark.django_db
def test_release_twice_queues_each_decision_email_once(client, seat, staff, run_on_commit, mailoutbox):
    seat.quota = 2
    seat.save()
    offered, waitlisted, rejected = submitted(seat), submitted(seat), submitted(seat)
    for application, decision in [(offered, "offered"), (waitlisted, "waitlisted"), (rejected, "rejected")]:
        decisions.stage_decision(application=application, decision=decision, actor=staff)
    assert not decision_keys()
    client.force_login(CoordinatorFactory())
    confirmed = {"audience": release_fingerprint(seat)}
    with run_on_commit():
        response = client.post(reverse("decision_release", args=[seat.pk]), confirmed, follow=True)
    assert "Released 3 decisions" in response.content.decode()
    with run_on_commit():
        response = client.post(reverse("decision_release", args=[seat.pk]), confirmed, follow=True)
    assert "Nothing to release" in response.content.decode()
    assert decision_keys() == sorted(
        [f"decision:{offered.pk}:offered", f"decision:{waitlisted.pk}:waitlisted", f"decision:{rejected.pk}:rejected"]
    )
    assert len(mailoutbox) == 3
    assert {m.subject for m in mailoutbox} >= {f"Decision: you are offered a place on {seat.cohort.name}"}
    offered.refresh_from_db()
    assert offered.state == "offered" and offered.offer_expires_at > timezone.now()
    assert ApplicationEvent.objects.filter(to_state="offered", reason="Decision released").count() == 1


@pytest.mark.django_db
def test_staff_release_when_the_cohort_allows(client, seat, staff):
    seat.cohort.staff_may_release = True
    seat.cohort.save()
    application = submitted(seat)
    decisions.stage_decision(application=application, decision="rejected", actor=staff)
    client.force_login(staff)
    client.post(reverse("decision_release", args=[seat.pk]), {"audience": release_fingerprint(seat)})
    application.refresh_from_db()
    assert application.state == "rejected"


@pytest.mark.django_db
def test_release_skips_a_student_who_withdrew_meanwhile(seat, staff):
    application = submitted(seat)
    decisions.stage_decision(application=application, decision="offered", actor=staff)
    set_state(application=application, to_state="withdrawn", actor=application.student)
    released, skipped = decisions.release_decisions(
        cohort_partner=seat, actor=CoordinatorFactory(), audience=release_fingerprint(seat)
    )
    assert (released, skipped) == (0, 1)
    assert not StagedDecision.objects.exists()


def waitlist(seat, count, staff):
    people = []
    for days in range(count, 0, -1):
        application = submitted(seat)
        set_state(application=application, to_state="waitlisted", actor=staff, at=timezone.now() - timedelta(days=days))
        people.append(application)
    return people


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["declined", "withdrawn"])
def test_a_given_up_offer_goes_to_the_longest_waiting_applicant(seat, staff, how):
    holder = submitted(seat)
    set_state(application=holder, to_state="offered", actor=staff)
    first, second = waitlist(seat, 2, staff)
    set_state(application=holder, to_state=how, actor=holder.student)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == "offered" and second.state == "waitlisted"
    assert first.offer_expires_at > timezone.now() + timedelta(days=6)
    event = first.events.get(to_state="offered")
    assert event.actor is None and event.reason == "A place became free"
    assert OutboxMessage.objects.filter(key=f"decision:{first.pk}:offered").count() == 1


@pytest.mark.django_db
def test_a_confirmed_place_withdrawn_is_offered_on(seat, staff):
    holder = submitted(seat)
    set_state(application=holder, to_state="offered", actor=staff)
    set_state(application=holder, to_state="confirmed", actor=holder.student)
    (waiting,) = waitlist(seat, 1, staff)
    set_state(application=holder, to_state="withdrawn", actor=holder.student)
    waiting.refresh_from_db()
    assert waiting.state == "offered"


@pytest.mark.django_db
def test_auto_offers_never_go_beyond_the_quota(seat, staff):
    holder = submitted(seat)
    set_state(application=holder, to_state="offered", actor=staff)
    (waiting,) = waitlist(seat, 1, staff)
    set_state(application=holder, to_state="declined", actor=holder.student)
    waiting.refresh_from_db()
    assert waiting.state == "offered"
    # The place is now held again, so another decline elsewhere offers no one beyond the quota.
    other_waiting = waitlist(seat, 1, staff)[0]
    assert decisions.fill_freed_place(cohort_id=seat.cohort_id, partner_id=seat.partner_id) == []
    other_waiting.refresh_from_db()
    assert other_waiting.state == "waitlisted"


@pytest.mark.django_db
def test_expiry_from_beat_declines_and_offers_the_next(seat, staff):
    holder = submitted(seat)
    set_state(application=holder, to_state="offered", actor=staff, at=timezone.now() - timedelta(days=8))
    (waiting,) = waitlist(seat, 1, staff)
    assert expire_offers.delay().get() == 1
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.state == "declined"
    assert holder.events.last().reason == decisions.OFFER_EXPIRED_REASON
    assert holder.events.last().actor is None
    assert waiting.state == "offered"
    assert expire_offers.delay().get() == 0


@pytest.mark.django_db
def test_student_accepts_and_an_expired_offer_cannot_be_accepted(client, seat, staff):
    application = submitted(seat)
    set_state(application=application, to_state="offered", actor=staff)
    client.force_login(application.student)
    response = client.post(reverse("application_respond", args=[application.pk]), {"decision": "accept"}, follow=True)
    assert "Your place is confirmed" in response.content.decode()
    late = submitted(seat)
    seat.quota = 2
    seat.save()
    set_state(application=late, to_state="offered", actor=staff, at=timezone.now() - timedelta(days=8))
    client.force_login(late.student)
    response = client.post(reverse("application_respond", args=[late.pk]), {"decision": "accept"}, follow=True)
    assert "This offer expired on" in response.content.decode()
    late.refresh_from_db()
    assert late.state == "offered"


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_concurrent_staging_at_quota_cannot_exceed_it():
    seat = university_in_cohort(quota=2)
    staff = StaffFactory(partner=seat.partner)
    StagedDecisionFactory(application=submitted(seat), decision="offered")
    applications = [submitted(seat) for _ in range(8)]
    barrier = threading.Barrier(len(applications))
    outcomes = []

    def stage(application):
        try:
            barrier.wait()
            decisions.stage_decision(application=application, decision="offered", actor=staff)
            outcomes.append("staged")
        except decisions.DecisionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=stage, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 7 + ["staged"]
    assert StagedDecision.objects.filter(decision="offered").count() == 2
    assert Application.objects.filter(state="offered").count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_the_boards_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    """Places taken come with the rows (once per row before); staged decisions in one query."""
    coordinator = CoordinatorFactory()
    for _ in range(rows):
        seat = university_in_cohort(quota=3)
        StagedDecisionFactory(application=submitted(seat), decision="offered", staged_by=coordinator)
        set_state(application=submitted(seat), to_state="offered", actor=coordinator)
    client.force_login(coordinator)
    client.get(reverse("decision_board"))
    # session, user, and the staged decisions with their review figures (one statement on PostgreSQL,
    # two queries through the ORM); the rows and their places taken come from the cache
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 4):
        page = client.get(reverse("decision_board")).content.decode()
    assert page.count("Places: 2 of 3 offered, confirmed or staged as offers.") == rows
    assert page.count(f"{escape(coordinator.full_name or coordinator.email)}</td>") == rows


def test_the_board_prints_names_escaped_once(client, seat, staff):
    application = submitted(seat, student__full_name="<i>Bea</i> & Co")
    StagedDecisionFactory(application=application, staged_by=CoordinatorFactory(full_name="Cy <Lead>"))
    client.force_login(staff)
    board = client.get(reverse("decision_board")).content.decode()
    assert "&lt;i&gt;Bea&lt;/i&gt; &amp; Co" in board and "Cy &lt;Lead&gt;" in board
    assert "<i>Bea" not in board and "&amp;amp;" not in board and "&amp;lt;" not in board
