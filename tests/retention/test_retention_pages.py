"""The coordinator's retention page: schedules with their defaults, what falls due, what was done,
a dry run, and a run behind a confirmation page. Nobody else reaches any of it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programmes.admissions.models import ApplicationState as S
from programmes.recruitment.models import Prospect
from programmes.retention.models import InactivityWarning, RetentionRun, RetentionSchedule
from tests.factories import (
    ApplicationFactory,
    CohortFactory,
    CoordinatorFactory,
    MentorFactory,
    StaffFactory,
    StudentFactory,
)
from tests.factories_campaigns import ProspectFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def text(response):
    return response.content.decode()


def due_row(page, rule):
    """(after, due now) of a rule's row in the table of what falls due."""
    found = re.search(rf'<th scope="row">{re.escape(rule)}</th>\s*<td>(.*?)</td>\s*<td>(\d+)</td>', page)
    return found.groups() if found else None


@pytest.fixture
def coordinator(client):
    user = CoordinatorFactory()
    client.force_login(user)
    return user


def routes(cohort):
    return [
        ("get", reverse("retention_index")),
        ("post", reverse("retention_dry_run")),
        ("get", reverse("retention_run")),
        ("post", reverse("retention_run")),
        ("get", reverse("retention_schedule", args=[cohort.pk])),
        ("post", reverse("retention_schedule", args=[cohort.pk])),
    ]


@pytest.mark.parametrize("person", [StaffFactory, StudentFactory, MentorFactory])
def test_no_one_but_a_coordinator_reaches_retention(client, person):
    cohort = CohortFactory()
    ProspectFactory(confirmed_at=None, created_at=timezone.now() - 60 * DAY)
    client.force_login(person())
    for method, url in routes(cohort):
        assert getattr(client, method)(url).status_code == 403, url
    assert Prospect.objects.count() == 1 and not RetentionRun.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(reverse("retention_index"))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_the_page_shows_what_falls_due_and_each_cohorts_schedule(client, coordinator):
    cohort = CohortFactory(name="Pilot 2026")
    ProspectFactory(confirmed_at=None, created_at=timezone.now() - 31 * DAY)
    page = text(client.get(reverse("retention_index")))
    assert "<h1>Retention</h1>" in page
    assert due_row(page, "Delete unconfirmed prospects") == ("30 days (the shortest of all cohorts)", "1")
    assert "Pilot 2026" in page and "183 days after close" in page
    assert "Accounts due for deletion (0)" in page
    assert RetentionSchedule.objects.get(cohort=cohort).delete_cvs_after_days == 30  # created when first read


def test_accounts_due_for_deletion_are_listed(client, coordinator):
    now = timezone.now()
    silent = StudentFactory(email="silent@example.org", date_joined=now - 800 * DAY)
    InactivityWarning.objects.create(user=silent, inactive_since=silent.date_joined, warned_at=now - 40 * DAY)
    page = text(client.get(reverse("retention_index")))
    assert "Accounts due for deletion (1)" in page and "silent@example.org" in page


def test_the_set_up_page_links_each_cohorts_schedule(client, coordinator):
    cohort = CohortFactory()
    assert reverse("retention_schedule", args=[cohort.pk]) in text(client.get(reverse("setup_index")))


def test_a_coordinator_edits_a_schedule_starting_from_the_defaults(client, coordinator):
    cohort = CohortFactory(name="Pilot 2026")
    url = reverse("retention_schedule", args=[cohort.pk])
    page = text(client.get(url))
    assert 'name="anonymise_applications_after_days" value="183"' in page
    assert "about six months" in page
    data = {name: 60 for name in RetentionSchedule.PERIODS}
    response = client.post(url, data, follow=True)
    assert "Retention schedule of Pilot 2026 saved." in text(response)
    assert RetentionSchedule.objects.get(cohort=cohort).warn_inactive_accounts_after_days == 60


@pytest.mark.parametrize("bad", ["0", "-5", "abc", "", "4000"])
def test_a_bad_period_is_refused_on_the_page(client, coordinator, bad):
    cohort = CohortFactory()
    data = {name: 60 for name in RetentionSchedule.PERIODS} | {"delete_cvs_after_days": bad}
    response = client.post(reverse("retention_schedule", args=[cohort.pk]), data)
    assert response.status_code == 200 and "invalid-feedback" in text(response)
    assert RetentionSchedule.objects.get(cohort=cohort).delete_cvs_after_days == 30


def test_another_cohort_that_does_not_exist_is_404(client, coordinator):
    assert client.get(reverse("retention_schedule", args=[999999])).status_code == 404


def test_a_dry_run_records_counts_and_changes_nothing(client, coordinator):
    ProspectFactory(confirmed_at=None, created_at=timezone.now() - 31 * DAY)
    response = client.post(reverse("retention_dry_run"), follow=True)
    assert "Dry run, nothing changed." in text(response) and "Delete unconfirmed prospects: 1" in text(response)
    assert Prospect.objects.count() == 1
    run = RetentionRun.objects.get(rule="delete_unconfirmed_prospects")
    assert (run.count, run.dry_run, run.source) == (1, True, "coordinator")
    assert "A coordinator" in text(response)  # the log on the page


def test_run_now_states_the_counts_then_acts_on_confirmation(client, coordinator):
    cohort = CohortFactory(
        applications_close_at=timezone.now() - 200 * DAY, applications_open_at=timezone.now() - 230 * DAY
    )
    application = ApplicationFactory(cohort=cohort, state=S.REJECTED)
    confirm = text(client.get(reverse("retention_run")))
    assert "Run the retention schedule now?" in confirm and "cannot be undone" in confirm
    assert due_row(confirm, "Anonymise unsuccessful and withdrawn applications") == ("each cohort’s own schedule", "1")
    application.refresh_from_db()
    assert application.motivation and not RetentionRun.objects.exists()  # asking changed nothing

    response = client.post(reverse("retention_run"), follow=True)
    assert "Retention run done" in text(response)
    application.refresh_from_db()
    assert application.motivation == "" and application.anonymised_at
    assert RetentionRun.objects.get(rule="anonymise_applications", dry_run=False).count == 1


def test_the_page_costs_the_same_queries_for_one_cohort_or_many(client, coordinator):
    CohortFactory()
    client.get(reverse("retention_index"))  # creates the schedule on first read
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("retention_index"))
    for _ in range(5):
        CohortFactory()
        RetentionRun.objects.create(rule="delete_cvs", count=0)
    client.get(reverse("retention_index"))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("retention_index"))
    assert len(many) == len(one)


def test_run_now_names_whom_it_emails_and_whose_answers_it_anonymises(client, coordinator):
    now = timezone.now()
    cohort = CohortFactory(applications_close_at=now - 200 * DAY, applications_open_at=now - 230 * DAY)
    ApplicationFactory(cohort=cohort, state=S.WITHDRAWN, student=StudentFactory(email="gone@example.org"))
    StudentFactory(email="quiet@example.org", date_joined=now - 800 * DAY)
    StudentFactory(email="busy@example.org", last_login=now)
    confirm = text(client.get(reverse("retention_run")))
    warned = confirm.split("Who is emailed an inactivity warning")[1].split("Whose application answers")[0]
    anonymised = confirm.split("Whose application answers are anonymised")[1]
    assert "quiet@example.org" in warned and "busy@example.org" not in warned
    assert f"gone@example.org: {cohort.name}, withdrawn" in anonymised


def test_the_run_confirmation_costs_the_same_queries_for_one_person_or_many(client, coordinator):
    now = timezone.now()
    StudentFactory(date_joined=now - 800 * DAY)
    client.get(reverse("retention_run"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("retention_run"))
    for _ in range(5):
        StudentFactory(date_joined=now - 800 * DAY)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("retention_run"))
    assert len(many) == len(one)
