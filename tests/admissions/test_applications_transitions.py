"""set_state, the one way an application's state moves: every move from every state by every kind
of actor, against the table written out here from the design (not read from the code)."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import ApplicationEvent
from programmes.admissions.models import ApplicationState as S
from programmes.admissions.services.applications import TransitionRefused, set_state
from tests.factories import CoordinatorFactory, MentorFactory, StaffFactory, StudentFactory
from tests.factories_applications import CompleteApplicationFactory, ExtensionFactory, private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

ACTORS = ["student", "other_student", "staff_own", "staff_other", "coordinator", "mentor", "system"]
DECIDERS = {"staff_own", "coordinator"}

# (from, to) -> who may make the move. Everything not listed is refused for everyone.
ALLOWED = {
    (S.DRAFT, S.SUBMITTED): {"student"},
    (S.DRAFT, S.WITHDRAWN): {"student"},
    (S.SUBMITTED, S.OFFERED): DECIDERS,
    (S.SUBMITTED, S.WAITLISTED): DECIDERS,
    (S.SUBMITTED, S.REJECTED): DECIDERS,
    (S.SUBMITTED, S.WITHDRAWN): {"student"},
    (S.WAITLISTED, S.OFFERED): DECIDERS | {"system"},
    (S.WAITLISTED, S.REJECTED): DECIDERS,
    (S.WAITLISTED, S.WITHDRAWN): {"student"},
    (S.OFFERED, S.CONFIRMED): {"student"},
    (S.OFFERED, S.DECLINED): {"student", "system"},
    (S.OFFERED, S.WITHDRAWN): {"student"},
    (S.CONFIRMED, S.WITHDRAWN): {"student"},
}


def make_actor(kind, application):
    return {
        "student": lambda: application.student,
        "other_student": StudentFactory,
        "staff_own": lambda: StaffFactory(partner=application.partner),
        "staff_other": StaffFactory,
        "coordinator": CoordinatorFactory,
        "mentor": MentorFactory,
        "system": lambda: None,
    }[kind]()


def application_in(state):
    offer_expires_at = timezone.now() + timedelta(days=3) if state == S.OFFERED else None
    return CompleteApplicationFactory(state=state, offer_expires_at=offer_expires_at)


@pytest.mark.parametrize("actor_kind", ACTORS)
@pytest.mark.parametrize("from_state", S.values)
def test_every_move_from_every_state_by_every_actor(from_state, actor_kind):
    application = application_in(from_state)
    actor = make_actor(actor_kind, application)
    for to_state in S.values:
        if to_state == from_state:
            continue
        allowed = actor_kind in ALLOWED.get((from_state, to_state), set())
        with transaction.atomic():
            try:
                moved = set_state(application=application, to_state=to_state, actor=actor, reason="because")
            except TransitionRefused as refusal:
                assert not allowed, f"{actor_kind} {from_state}->{to_state} refused: {refusal}"
                assert not ApplicationEvent.objects.filter(application=application).exists()
            else:
                assert allowed, f"{actor_kind} may not move {from_state}->{to_state}"
                assert moved.state == to_state
                event = ApplicationEvent.objects.get(application=application)
                assert (event.actor, event.from_state, event.to_state, event.reason) == (
                    actor,
                    from_state,
                    to_state,
                    "because",
                )
                assert OutboxMessage.objects.filter(key=f"decision:{application.pk}:{to_state}").count() == 1
            transaction.set_rollback(True)


def test_moving_to_the_current_state_is_a_no_op_for_the_owner_and_refused_to_outsiders():
    application = application_in(S.SUBMITTED)
    assert set_state(application=application, to_state=S.SUBMITTED, actor=application.student).state == S.SUBMITTED
    assert not ApplicationEvent.objects.exists()
    with pytest.raises(TransitionRefused):
        set_state(application=application, to_state=S.SUBMITTED, actor=StudentFactory())
    with pytest.raises(TransitionRefused):
        set_state(application=application, to_state=S.SUBMITTED, actor=StaffFactory())


def test_an_offer_cannot_be_accepted_after_it_expires_but_can_be_declined_by_the_portal():
    application = CompleteApplicationFactory(state=S.OFFERED, offer_expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(TransitionRefused, match="expired"):
        set_state(application=application, to_state=S.CONFIRMED, actor=application.student)
    assert set_state(application=application, to_state=S.DECLINED, actor=None).state == S.DECLINED


def test_submission_after_the_close_is_refused_unless_the_student_has_an_extension():
    application = CompleteApplicationFactory(cohort__applications_close_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(TransitionRefused, match="closed on"):
        set_state(application=application, to_state=S.SUBMITTED, actor=application.student)
    ExtensionFactory(cohort=application.cohort, student=application.student)
    assert set_state(application=application, to_state=S.SUBMITTED, actor=application.student).state == S.SUBMITTED


def test_an_extension_for_another_student_does_not_help():
    application = CompleteApplicationFactory(cohort__applications_close_at=timezone.now() - timedelta(hours=1))
    ExtensionFactory(cohort=application.cohort)
    with pytest.raises(TransitionRefused, match="closed on"):
        set_state(application=application, to_state=S.SUBMITTED, actor=application.student)


def test_an_incomplete_application_cannot_be_submitted_and_the_refusal_names_the_sections():
    application = CompleteApplicationFactory(motivation="", cv="")
    with pytest.raises(TransitionRefused) as refusal:
        set_state(application=application, to_state=S.SUBMITTED, actor=application.student)
    assert "Motivation" in str(refusal.value) and "CV" in str(refusal.value)


def test_an_offer_sets_its_response_deadline_from_the_cohort():
    application = CompleteApplicationFactory(state=S.SUBMITTED, cohort__offer_response_days=5)
    at = timezone.now()
    moved = set_state(application=application, to_state=S.OFFERED, actor=CoordinatorFactory(), at=at)
    assert moved.offer_expires_at == at + timedelta(days=5)


def test_an_unknown_state_is_refused():
    application = application_in(S.DRAFT)
    with pytest.raises(TransitionRefused):
        set_state(application=application, to_state="accepted", actor=application.student)
