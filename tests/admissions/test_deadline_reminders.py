"""Reminders before the close: once a week before and once 48 hours before, to unsubmitted drafts
only, however often the scan runs. The clock is the scan's `now`, the project's way of testing time."""

from datetime import timedelta

import pytest
from django.urls import reverse

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import ApplicationState
from programmes.admissions.services.deadline_reminders import scan_deadline_reminders
from programmes.admissions.tasks import scan_deadline_reminders as scan_task
from tests.factories import ApplicationFactory, CohortFactory, CoordinatorFactory
from tests.factories_applications import ExtensionFactory

pytestmark = pytest.mark.django_db
MINUTE = timedelta(minutes=1)


@pytest.fixture
def cohort():
    return CohortFactory()


def keys():
    return sorted(OutboxMessage.objects.filter(key__startswith="deadline-reminder:").values_list("key", flat=True))


def test_just_before_and_just_after_each_reminder_and_reruns(cohort):
    draft = ApplicationFactory(cohort=cohort)
    close = cohort.applications_close_at
    week, two_days = f"deadline-reminder:{draft.pk}:7d", f"deadline-reminder:{draft.pk}:48h"
    for when, expected in [
        (close - timedelta(days=7) - MINUTE, []),
        (close - timedelta(days=7), [week]),
        (close - timedelta(days=7) + MINUTE, [week]),
        (close - timedelta(hours=48) - MINUTE, [week]),
        (close - timedelta(hours=48) + MINUTE, [two_days, week]),
        (close - MINUTE, [two_days, week]),
        (close + MINUTE, [two_days, week]),
    ]:
        for _ in range(3):  # a rerun, or beat and a manual run together, send nothing twice
            scan_deadline_reminders(now=when)
        assert keys() == sorted(expected), when


def test_the_reminder_says_how_long_is_left_and_links_to_the_draft(cohort):
    draft = ApplicationFactory(cohort=cohort, student__full_name="Zanele Dube")
    assert scan_deadline_reminders(now=cohort.applications_close_at - timedelta(hours=47)) == 1
    message = OutboxMessage.objects.get()
    assert message.to == draft.student.email and message.kind == "service"
    assert message.subject == f"Two days left to submit your application to {cohort.name}"
    assert reverse("application_tasks", args=[draft.pk]) in message.body_text
    assert "GMT" in message.body_text or "BST" in message.body_text


def test_a_scan_that_was_down_sends_only_the_nearest_reminder(cohort):
    draft = ApplicationFactory(cohort=cohort)
    scan_deadline_reminders(now=cohort.applications_close_at - timedelta(hours=10))
    assert keys() == [f"deadline-reminder:{draft.pk}:48h"]


@pytest.mark.parametrize(
    "state",
    [ApplicationState.SUBMITTED, ApplicationState.WITHDRAWN, ApplicationState.OFFERED, ApplicationState.REJECTED],
)
def test_nobody_who_submitted_or_withdrew_is_reminded(cohort, state):
    ApplicationFactory(cohort=cohort, state=state)
    scan_deadline_reminders(now=cohort.applications_close_at - timedelta(days=6))
    scan_deadline_reminders(now=cohort.applications_close_at - timedelta(hours=1))
    assert keys() == []


def test_a_student_with_an_extension_is_not_reminded_of_the_cohorts_close(cohort):
    draft = ApplicationFactory(cohort=cohort)
    until = cohort.applications_close_at + timedelta(days=5)
    ExtensionFactory(cohort=cohort, student=draft.student, until=until)
    scan_deadline_reminders(now=cohort.applications_close_at - timedelta(hours=1))
    assert keys() == [f"deadline-reminder:{draft.pk}:7d:until-{until:%Y%m%d%H%M}"]  # their own, not the cohort's


def test_a_student_with_an_extension_is_reminded_before_their_own_deadline(cohort):
    draft = ApplicationFactory(cohort=cohort, student__full_name="Tomasz Wrona")
    until = cohort.applications_close_at + timedelta(days=5)
    extension = ExtensionFactory(cohort=cohort, student=draft.student, until=until)
    stamp = f"{until:%Y%m%d%H%M}"
    week, two_days = f"deadline-reminder:{draft.pk}:7d:until-{stamp}", f"deadline-reminder:{draft.pk}:48h:until-{stamp}"
    for when, expected in [
        (until - timedelta(days=7) - MINUTE, []),
        (until - timedelta(days=7), [week]),
        (until - timedelta(hours=48) + MINUTE, [two_days, week]),
        (until + MINUTE, [two_days, week]),
    ]:
        for _ in range(2):
            scan_deadline_reminders(now=when)
        assert keys() == sorted(expected), when
    message = OutboxMessage.objects.get(key=two_days)
    assert message.to == draft.student.email
    assert "Your extension lets you submit until" in message.body_text and "Applications close" not in message.body_text
    # Extended again: the new date earns its own reminder.
    extension.until = until + timedelta(days=3)
    extension.save()
    assert scan_deadline_reminders(now=extension.until - timedelta(hours=40)) == 1


def test_an_extension_holder_who_submitted_is_not_reminded(cohort):
    draft = ApplicationFactory(cohort=cohort, state=ApplicationState.SUBMITTED)
    ExtensionFactory(cohort=cohort, student=draft.student, until=cohort.applications_close_at + timedelta(days=5))
    assert scan_deadline_reminders(now=cohort.applications_close_at + timedelta(days=4)) == 0


def test_the_beat_task_scans(cohort, monkeypatch):
    ApplicationFactory(cohort=cohort)
    CohortFactory()  # closes in 20 days: nothing due
    monkeypatch.setattr(
        "programmes.admissions.services.deadline_reminders.timezone.now",
        lambda: cohort.applications_close_at - timedelta(days=3),
    )
    assert scan_task() == 1


def test_the_coordinators_cohort_list_shows_the_drafts_remaining(client, cohort):
    ApplicationFactory.create_batch(3, cohort=cohort)
    ApplicationFactory(cohort=cohort, state=ApplicationState.SUBMITTED)
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("setup_index")).content.decode()
    assert "3 drafts not submitted" in page
