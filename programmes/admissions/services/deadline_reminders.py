"""Reminders before the close: a student with an unsubmitted draft hears once a week before the
cohort closes and once 48 hours before. Beat runs the scan; it finds what is due by querying, and the
outbox key deadline-reminder:{application}:{7d|48h} makes a rerun or a concurrent scan harmless.
Only the nearest reminder is sent: a draft started 3 days before the close gets the 48-hour one
alone, and a scan that was down for the whole week sends nothing stale. A student given an extension
hears the same way before their own deadline instead of the cohort's."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox import services as outbox
from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import Application, ApplicationExtension, ApplicationState
from programmes.cohorts.models import Cohort

# Nearest first: the first window the close falls in is the reminder due.
WINDOWS = (("48h", timedelta(hours=48)), ("7d", timedelta(days=7)))


def reminder_key(application_pk, window, *, extended_until=None):
    """An extension's reminders are keyed by its date, so extending again earns reminders before the new one."""
    if extended_until is None:
        return f"deadline-reminder:{application_pk}:{window}"
    return f"deadline-reminder:{application_pk}:{window}:until-{extended_until:%Y%m%d%H%M}"


def window_for(*, closes_at, now):
    """Which reminder is due for a close at `closes_at`, or None (closed, or more than 7 days away)."""
    left = closes_at - now
    if left <= timedelta(0):
        return None
    return next((name for name, before in WINDOWS if left <= before), None)


def due_drafts(*, cohort):
    """The cohort's unsubmitted drafts (the scan leaves out those already reminded). A student a coordinator gave
    an extension has their own deadline, so the cohort's close does not concern them."""
    extended = ApplicationExtension.objects.filter(cohort_id=OuterRef("cohort_id"), student_id=OuterRef("student_id"))
    return (
        Application.objects.filter(cohort=cohort, state=ApplicationState.DRAFT)
        .exclude(Exists(extended))
        .select_related("student", "cohort")
        .order_by("pk")
    )


def extended_drafts(*, now):
    """Drafts whose student holds an extension ending within the reminders' reach: each with the
    extension's date as its own deadline."""
    extensions = ApplicationExtension.objects.filter(until__gt=now, until__lte=now + WINDOWS[-1][1])
    until = {(e.cohort_id, e.student_id): e.until for e in extensions}
    if not until:
        return []
    drafts = (
        Application.objects.filter(state=ApplicationState.DRAFT, student_id__in={s for _, s in until})
        .select_related("student", "cohort")
        .order_by("pk")
    )
    return [(a, until[a.cohort_id, a.student_id]) for a in drafts if (a.cohort_id, a.student_id) in until]


def due_reminders(*, now):
    """(key, application, window, deadline) for every reminder due now, queued or not."""
    due = []
    closing = Cohort.objects.filter(applications_close_at__gt=now, applications_close_at__lte=now + WINDOWS[-1][1])
    for cohort in closing:
        window = window_for(closes_at=cohort.applications_close_at, now=now)
        for application in due_drafts(cohort=cohort):
            due.append((reminder_key(application.pk, window), application, window, cohort.applications_close_at))
    for application, until in extended_drafts(now=now):
        window = window_for(closes_at=until, now=now)
        due.append((reminder_key(application.pk, window, extended_until=until), application, window, until))
    return due


def scan_deadline_reminders(*, now=None):
    """Queue every deadline reminder that is due: before the cohort's close, or before a student's own
    extended deadline. Returns how many were queued."""
    now = now or timezone.now()
    due = due_reminders(now=now)
    queued_already = set(OutboxMessage.objects.filter(key__in=[d[0] for d in due]).values_list("key", flat=True))
    queued = 0
    for key, application, window, deadline in due:
        if key not in queued_already:
            queue_deadline_reminder(application, window=window, key=key, deadline=deadline)
            queued += 1
    return queued


def queue_deadline_reminder(application, *, window, key, deadline):
    return outbox.queue_templated_email(
        key=key,
        to=application.student.email,
        template="applications/deadline_reminder",
        context={
            "student": application.student,
            "cohort": application.cohort,
            "window": window,
            "closes_at": deadline,
            "extended": deadline != application.cohort.applications_close_at,
            "application_url": settings.SITE_URL + reverse("application_tasks", args=[application.pk]),
        },
        source=f"application:{application.pk}",
    )
