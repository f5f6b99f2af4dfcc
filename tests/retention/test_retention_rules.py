"""Each retention rule with the clock moved past its timer (`now=`): nothing before it, one action
after it, nothing more on a second run."""

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from ftl_portal.outbox.models import MessageStatus, OutboxMessage
from programmes.admissions.models import Application, ApplicationEvent, Review
from programmes.admissions.models import ApplicationState as S
from programmes.cohorts.models import LevelOfStudy
from programmes.recruitment.models import ConsentRecord, Prospect
from programmes.retention import selectors, services
from programmes.retention.models import RetentionSchedule
from tests.factories import CohortFactory, StaffFactory, StudentFactory
from tests.factories_applications import CompleteApplicationFactory, private_media_fixture  # noqa: F401
from tests.factories_campaigns import ProspectFactory
from tests.factories_outbox import OutboxMessageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

DAY = timedelta(days=1)
T = timezone.now().replace(microsecond=0)


def closed_cohort(closed_at=T):
    return CohortFactory(applications_open_at=closed_at - 30 * DAY, applications_close_at=closed_at)


def application(cohort, state, **kwargs):
    return CompleteApplicationFactory(cohort=cohort, state=state, **kwargs)


def cv_path(app, private_media):
    return Path(private_media) / app.cv.name


def states(cohort):
    return Counter(Application.objects.filter(cohort=cohort).values_list("state", flat=True))


# --- anonymising applications, N days after the cohort's close -------------------------------------


def test_unsuccessful_and_withdrawn_applications_are_anonymised_once_after_the_timer(private_media):
    cohort = closed_cohort()
    rejected = application(cohort, S.REJECTED)
    Review.objects.create(application=rejected, reviewer=StaffFactory(), comment="Weak motivation.")
    ApplicationEvent.objects.create(application=rejected, from_state=S.SUBMITTED, to_state=S.REJECTED, reason="x")
    withdrawn, draft = application(cohort, S.WITHDRAWN), application(cohort, S.DRAFT)
    kept = [application(cohort, S.CONFIRMED), application(cohort, S.WAITLISTED)]
    cv = cv_path(rejected, private_media)
    assert cv.exists()
    before = states(cohort)

    assert services.anonymise_applications(now=T + 182 * DAY) == 0
    rejected.refresh_from_db()
    assert rejected.motivation and rejected.anonymised_at is None and cv.exists()

    assert services.anonymise_applications(now=T + 184 * DAY) == 3
    for app in (rejected, withdrawn, draft):
        app.refresh_from_db()
        assert (app.course, app.motivation, app.career_goals, app.availability, app.cv.name) == ("", "", "", "", "")
        assert app.anonymised_at == T + 184 * DAY
    assert not cv.exists()
    assert Review.objects.get(application=rejected).comment == ""
    assert ApplicationEvent.objects.get(application=rejected).reason == ""
    for app in kept:
        app.refresh_from_db()
        assert app.motivation and app.cv and app.anonymised_at is None
    assert states(cohort) == before  # the funnel's counts stay

    assert services.anonymise_applications(now=T + 200 * DAY) == 0


def test_anonymising_keeps_what_the_funnel_counts(private_media):
    cohort = closed_cohort()
    app = application(cohort, S.REJECTED, submitted_at=T - 5 * DAY, decided_at=T + DAY)
    services.anonymise_applications(now=T + 184 * DAY)
    app.refresh_from_db()
    assert (app.cohort_id, app.state, app.level_of_study, app.year_of_study) == (
        cohort.pk,
        S.REJECTED,
        LevelOfStudy.UNDERGRADUATE,
        2,
    )
    assert (app.submitted_at, app.decided_at) == (T - 5 * DAY, T + DAY)
    assert app.pathways.count() == 1


def test_each_cohort_follows_its_own_schedule():
    short, default = closed_cohort(), closed_cohort()
    RetentionSchedule.objects.create(cohort=short, anonymise_applications_after_days=10)
    application(short, S.REJECTED)
    application(default, S.REJECTED)
    assert services.anonymise_applications(now=T + 11 * DAY) == 1
    assert (
        Application.objects.get(cohort=short).anonymised_at
        and not Application.objects.get(cohort=default).anonymised_at
    )
    assert RetentionSchedule.objects.get(cohort=default).anonymise_applications_after_days == 183  # created on read


# --- CVs, N days after the decision is final ---------------------------------------------------------


def test_a_cv_is_deleted_once_30_days_after_the_final_decision(private_media):
    cohort = CohortFactory()
    confirmed = application(cohort, S.CONFIRMED, decided_at=T - 10 * DAY)
    ApplicationEvent.objects.create(
        application=confirmed, from_state=S.OFFERED, to_state=S.CONFIRMED, created_at=T, actor=confirmed.student
    )
    undecided = application(cohort, S.SUBMITTED)
    offered = application(cohort, S.OFFERED, decided_at=T - 60 * DAY)
    cv = cv_path(confirmed, private_media)

    assert services.delete_cvs(now=T + 29 * DAY) == 0  # 39 days after the offer, but 29 after confirming
    assert cv.exists()
    assert services.delete_cvs(now=T + 31 * DAY) == 1
    confirmed.refresh_from_db()
    assert confirmed.cv.name == "" and not cv.exists()
    assert confirmed.motivation and confirmed.anonymised_at is None  # a participant's answers stay
    for app in (undecided, offered):
        app.refresh_from_db()
        assert app.cv
    assert services.delete_cvs(now=T + 60 * DAY) == 0


def test_without_an_audit_event_the_decision_time_counts(private_media):
    rejected = application(CohortFactory(), S.REJECTED, decided_at=T)
    assert services.delete_cvs(now=T + 29 * DAY) == 0
    assert services.delete_cvs(now=T + 31 * DAY) == 1
    assert not cv_path(rejected, private_media).exists()


# --- email bodies, N days after sending ---------------------------------------------------------------


def test_email_text_is_purged_once_90_days_after_sending():
    sent = OutboxMessageFactory(sent_at=T, body_html="<p>Dear Ada</p>", headers={"X-Ref": "ada"})
    cancelled = OutboxMessageFactory(status=MessageStatus.CANCELLED, created_at=T)
    failed = OutboxMessageFactory(status=MessageStatus.FAILED, created_at=T)  # a coordinator may resend it

    assert services.purge_email_bodies(now=T + 89 * DAY) == 0
    assert services.purge_email_bodies(now=T + 91 * DAY) == 2
    sent.refresh_from_db()
    assert (sent.body_text, sent.body_html, sent.headers, sent.attachments) == (selectors.PURGED_BODY, "", {}, [])
    assert sent.key.startswith("test:") and sent.status == MessageStatus.SENT and "@" in sent.to and sent.subject
    cancelled.refresh_from_db()
    failed.refresh_from_db()
    assert cancelled.body_text == selectors.PURGED_BODY and failed.body_text == "Hello,\n\nThis is the body.\n"
    assert services.purge_email_bodies(now=T + 200 * DAY) == 0


def test_email_follows_the_shortest_period_of_any_cohort():
    RetentionSchedule.objects.create(cohort=closed_cohort(), purge_email_bodies_after_days=10)
    closed_cohort()  # the default, 90
    OutboxMessageFactory(sent_at=T)
    assert services.purge_email_bodies(now=T + 11 * DAY) == 1


# --- unconfirmed prospects, N days after registering ----------------------------------------------------


def test_an_unconfirmed_prospect_is_deleted_30_days_after_registering():
    unconfirmed = ProspectFactory(confirmed_at=None, created_at=T)
    confirmed = ProspectFactory(created_at=T - 100 * DAY)

    assert services.delete_unconfirmed_prospects(now=T + 29 * DAY) == 0
    assert services.delete_unconfirmed_prospects(now=T + 31 * DAY) == 1
    assert not Prospect.objects.filter(pk=unconfirmed.pk).exists()
    assert not ConsentRecord.objects.filter(prospect_id=unconfirmed.pk).exists()
    assert Prospect.objects.filter(pk=confirmed.pk).exists()
    assert services.delete_unconfirmed_prospects(now=T + 60 * DAY) == 0


# --- inactive accounts: a warning after N days, then due for deletion --------------------------------------


def warnings_to(user):
    return OutboxMessage.objects.filter(key__startswith=f"retention-warning:{user.pk}:")


def test_an_inactive_account_is_warned_once_then_falls_due_for_deletion():
    signed_in = StudentFactory(date_joined=T - 400 * DAY, last_login=T)
    never = StudentFactory(date_joined=T)
    StudentFactory(date_joined=T + 100 * DAY)  # joined later: not yet inactive

    assert services.warn_inactive_accounts(now=T + 729 * DAY) == 0
    warned_at = T + 731 * DAY
    assert services.warn_inactive_accounts(now=warned_at) == 2
    [email] = warnings_to(signed_in)
    assert email.key == f"retention-warning:{signed_in.pk}:{timezone.localtime(T):%Y-%m-%d}"
    assert email.subject == "Sign in to keep your FTL Portal account"
    assert "http://testserver/accounts/login/" in email.body_text and "will be deleted" in email.body_text
    assert services.warn_inactive_accounts(now=warned_at + DAY) == 0
    assert warnings_to(signed_in).count() == warnings_to(never).count() == 1

    assert list(selectors.accounts_due_for_deletion(now=warned_at + 29 * DAY)) == []
    assert set(selectors.accounts_due_for_deletion(now=warned_at + 31 * DAY)) == {signed_in, never}


def test_an_account_still_inactive_after_the_grace_period_is_erased_once():
    user = StudentFactory(date_joined=T, full_name="Quiet Quentin")
    warned_at = T + 731 * DAY
    services.warn_inactive_accounts(now=warned_at)
    assert services.delete_due_accounts(now=warned_at + 29 * DAY) == 0
    assert services.delete_due_accounts(now=warned_at + 31 * DAY, dry_run=True) == 1
    assert services.delete_due_accounts(now=warned_at + 31 * DAY) == 1
    user.refresh_from_db()
    assert not user.is_active and user.email.endswith("@invalid") and "Quentin" not in user.full_name
    assert services.delete_due_accounts(now=warned_at + 32 * DAY) == 0


def test_signing_in_after_the_warning_keeps_the_account_and_rearms_the_warning():
    user = StudentFactory(date_joined=T)
    warned_at = T + 731 * DAY
    services.warn_inactive_accounts(now=warned_at)
    user.last_login = warned_at + 5 * DAY
    user.save(update_fields=["last_login"])

    assert list(selectors.accounts_due_for_deletion(now=warned_at + 31 * DAY)) == []
    assert services.warn_inactive_accounts(now=warned_at + 100 * DAY) == 0
    assert services.warn_inactive_accounts(now=user.last_login + 731 * DAY) == 1
    assert warnings_to(user).count() == 2


# --- the whole schedule ------------------------------------------------------------------------------


def test_a_dry_run_counts_what_a_run_does_and_changes_nothing(private_media):
    cohort = closed_cohort()
    app = application(cohort, S.WITHDRAWN, decided_at=T)
    OutboxMessageFactory(sent_at=T)
    ProspectFactory(confirmed_at=None, created_at=T)
    StudentFactory(date_joined=T)
    later = T + 800 * DAY
    outbox_before = list(OutboxMessage.objects.values_list("key", "body_text"))

    dry = services.apply_schedule(now=later, dry_run=True)
    assert dry == {
        "delete_cvs": 1,
        "anonymise_applications": 1,
        "purge_email_bodies": 1,
        "delete_unconfirmed_prospects": 1,
        "warn_inactive_accounts": 2,  # the student of the application too
        "delete_inactive_accounts": 0,  # warned only now: the grace period starts
    }
    app.refresh_from_db()
    assert app.motivation and cv_path(app, private_media).exists()
    assert list(OutboxMessage.objects.values_list("key", "body_text")) == outbox_before
    assert Prospect.objects.count() == 1

    assert services.apply_schedule(now=later) == dry
    assert set(services.apply_schedule(now=later).values()) == {0}


def test_beat_applies_the_schedule_daily(settings):
    from ftl_portal.celery import app
    from programmes.retention import tasks  # noqa: F401  (the worker autodiscovers it)

    assert settings.CELERY_BEAT_SCHEDULE["retention-apply"] == {"task": "retention.apply", "schedule": 86400.0}
    ProspectFactory(confirmed_at=None, created_at=timezone.now() - 31 * DAY)
    assert app.tasks["retention.apply"].delay().get()["delete_unconfirmed_prospects"] == 1
    assert not Prospect.objects.exists()
