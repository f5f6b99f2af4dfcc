"""What the retention schedule says is due at a moment `now`. The `due_*` reads serve the rules
(services) and their dry runs alike, so a dry run counts exactly what a real run would act on.

Applications and CVs follow the schedule of their own cohort. Email, prospects and accounts belong
to no one cohort, so the shortest period any cohort's schedule sets applies to them: the strictest
promise made to anyone is kept for everyone."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from accounts.permissions import require_or_404
from ftl_portal.outbox.models import MessageStatus, OutboxMessage
from programmes.admissions.models import Application, ApplicationEvent
from programmes.admissions.models import ApplicationState as S
from programmes.cohorts.models import Cohort
from programmes.recruitment.models import Prospect
from programmes.retention.models import InactivityWarning, RetentionRun, RetentionSchedule, Rule

# Applications that never led to a place: anonymised after the cohort's close. A waitlisted one
# may still be offered a place, so it waits until its state is final.
ANONYMISED_STATES = [S.DRAFT, S.REJECTED, S.DECLINED, S.WITHDRAWN]
# A decision no one can change any more: the CV has done its work.
FINAL_STATES = [S.REJECTED, S.DECLINED, S.WITHDRAWN, S.CONFIRMED]
# A purged email's text; the row stays so its key still stops the same email being sent twice.
PURGED_BODY = "[The text of this email was removed under the retention schedule.]"
PORTAL_WIDE_PERIODS = [
    "purge_email_bodies_after_days",
    "delete_unconfirmed_prospects_after_days",
    "warn_inactive_accounts_after_days",
    "delete_warned_accounts_after_days",
]


def all_schedules():
    """Every cohort's schedule, newest cohort first; a cohort never read gets the defaults now."""
    missing = Cohort.objects.filter(retention_schedule__isnull=True)
    RetentionSchedule.objects.bulk_create([RetentionSchedule(cohort=c) for c in missing], ignore_conflicts=True)
    return list(RetentionSchedule.objects.select_related("cohort"))


def portal_wide_periods(schedules=None):
    """The periods of the rules that belong to no cohort: the shortest any schedule sets (the
    defaults while there is no cohort)."""
    schedules = all_schedules() if schedules is None else schedules
    if not schedules:
        return {name: RetentionSchedule._meta.get_field(name).default for name in PORTAL_WIDE_PERIODS}
    return {name: min(getattr(s, name) for s in schedules) for name in PORTAL_WIDE_PERIODS}


def due_applications_to_anonymise(*, now):
    cohorts = [
        s.cohort_id
        for s in all_schedules()
        if s.cohort.applications_close_at + timedelta(days=s.anonymise_applications_after_days) <= now
    ]
    return Application.objects.filter(cohort_id__in=cohorts, state__in=ANONYMISED_STATES, anonymised_at__isnull=True)


def _with_final_at(applications):
    """`final_at`: when the application entered its present state (its audit event), or its
    decision time for rows older than the audit trail."""
    entered = ApplicationEvent.objects.filter(application=OuterRef("pk"), to_state=OuterRef("state"))
    return applications.annotate(
        final_at=Coalesce(Subquery(entered.order_by("-created_at").values("created_at")[:1]), F("decided_at"))
    )


def due_cvs_to_delete(*, now):
    due = Q(pk__in=[])
    for schedule in all_schedules():
        due |= Q(cohort_id=schedule.cohort_id, final_at__lte=now - timedelta(days=schedule.delete_cvs_after_days))
    return _with_final_at(Application.objects.filter(state__in=FINAL_STATES).exclude(cv="")).filter(due)


def due_email_bodies_to_purge(*, now):
    cutoff = now - timedelta(days=portal_wide_periods()["purge_email_bodies_after_days"])
    # A cancelled email was never sent; its text goes the same time after it was written.
    return OutboxMessage.objects.filter(
        Q(status=MessageStatus.SENT, sent_at__lte=cutoff) | Q(status=MessageStatus.CANCELLED, created_at__lte=cutoff)
    ).exclude(body_text=PURGED_BODY)


def due_unconfirmed_prospects(*, now):
    cutoff = now - timedelta(days=portal_wide_periods()["delete_unconfirmed_prospects_after_days"])
    return Prospect.objects.filter(confirmed_at__isnull=True, created_at__lte=cutoff)


def _active_users():
    """Accounts in use, with `last_active`: their last sign-in, or joining if they never signed in."""
    return get_user_model().objects.filter(is_active=True).annotate(last_active=Coalesce("last_login", "date_joined"))


def _warned_since_last_active(**warning_filter):
    return Exists(
        InactivityWarning.objects.filter(user=OuterRef("pk"), warned_at__gte=OuterRef("last_active"), **warning_filter)
    )


def due_inactivity_warnings(*, now):
    cutoff = now - timedelta(days=portal_wide_periods()["warn_inactive_accounts_after_days"])
    return _active_users().filter(last_active__lte=cutoff).exclude(_warned_since_last_active())


def accounts_due_for_deletion(*, now):
    """Accounts warned more than the grace period ago that have not been used since the warning."""
    cutoff = now - timedelta(days=portal_wide_periods()["delete_warned_accounts_after_days"])
    return _active_users().filter(_warned_since_last_active(warned_at__lte=cutoff))


# What each rule acts on, in the order the rules run (services.RULES).
DUE = {
    Rule.DELETE_CVS: due_cvs_to_delete,
    Rule.ANONYMISE_APPLICATIONS: due_applications_to_anonymise,
    Rule.PURGE_EMAIL_BODIES: due_email_bodies_to_purge,
    Rule.DELETE_UNCONFIRMED_PROSPECTS: due_unconfirmed_prospects,
    Rule.WARN_INACTIVE_ACCOUNTS: due_inactivity_warnings,
    Rule.DELETE_INACTIVE_ACCOUNTS: accounts_due_for_deletion,
}

PERIOD_OF = {
    Rule.DELETE_CVS: "delete_cvs_after_days",
    Rule.ANONYMISE_APPLICATIONS: "anonymise_applications_after_days",
    Rule.PURGE_EMAIL_BODIES: "purge_email_bodies_after_days",
    Rule.DELETE_UNCONFIRMED_PROSPECTS: "delete_unconfirmed_prospects_after_days",
    Rule.WARN_INACTIVE_ACCOUNTS: "warn_inactive_accounts_after_days",
    Rule.DELETE_INACTIVE_ACCOUNTS: "delete_warned_accounts_after_days",
}


def require_manager(user):
    require_or_404(user, "retention.manage_retention")


def schedules(*, user):
    require_manager(user)
    return all_schedules()


def schedule_for(*, user, cohort_pk):
    require_manager(user)
    cohort = get_object_or_404(Cohort.objects.all(), pk=cohort_pk)
    return RetentionSchedule.objects.select_related("cohort").get_or_create(cohort=cohort)[0]


def recent_runs(*, user, limit=60):
    require_manager(user)
    return RetentionRun.objects.all()[:limit]


def due_counts(*, now):
    """{rule: how many rows it would act on now}: what the page shows and a dry run records."""
    return {rule: due(now=now).count() for rule, due in DUE.items()}


def overview(*, user, now, listed=50):
    """Per rule: what falls due now and after how long (None: each cohort's own schedule); and the
    accounts due for deletion, the first `listed` of them by name."""
    require_manager(user)
    periods = portal_wide_periods()
    due_for_deletion = accounts_due_for_deletion(now=now).order_by("last_active")
    return {
        "due": [
            {"rule": Rule(rule).label, "count": count, "days": periods.get(PERIOD_OF[rule])}
            for rule, count in due_counts(now=now).items()
        ],
        "deletion_grace_days": periods["delete_warned_accounts_after_days"],
        "due_for_deletion": due_for_deletion[:listed],
        "due_for_deletion_count": due_for_deletion.count(),
    }


def run_confirmation(*, user, now, listed=50):
    """The overview, and by name whom a run reaches that cannot be taken back: the people it emails
    an inactivity warning and the applicants whose answers it anonymises (the first `listed` of each)."""
    context = overview(user=user, now=now, listed=listed)
    warned = due_inactivity_warnings(now=now).order_by("last_active", "pk")
    anonymised = due_applications_to_anonymise(now=now).select_related("student", "cohort").order_by("cohort", "pk")
    return {
        **context,
        "warned": warned[:listed],
        "anonymised": anonymised[:listed],
        "listed": listed,
    }
