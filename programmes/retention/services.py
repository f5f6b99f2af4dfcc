"""The retention rules. Each takes `now` and returns how many rows it acted on (or, with
`dry_run=True`, would act on, changing nothing). Each acts only on what selectors say is due and
marks what it did, so a second run at the same moment finds nothing more to do; a row is claimed
with a conditional UPDATE, so a beat run and a coordinator's run at once never act twice."""

import logging

from django.db import IntegrityError, transaction

from ftl_portal.errors import PortalError
from programmes.admissions.models import Answer, Application, ApplicationEvent, Review
from programmes.privacy.services.erasure import erase_person
from programmes.retention import emails, selectors
from programmes.retention.models import InactivityWarning, RetentionRun, Rule, RunSource

logger = logging.getLogger(__name__)


def _delete_cv_file(application, name):
    """The row no longer names the file; a file the storage cannot delete is logged, not fatal,
    so one broken file does not stop the rest of the run."""
    try:
        application.cv.storage.delete(name)
    except OSError:
        logger.exception("retention: could not delete the CV file %s of application %s", name, application.pk)


def delete_cvs(*, now, dry_run=False):
    due = selectors.due_cvs_to_delete(now=now)
    if dry_run:
        return due.count()
    deleted = 0
    for application in due.only("pk", "cv"):
        name = application.cv.name
        if Application.objects.filter(pk=application.pk, cv=name).update(cv=""):
            _delete_cv_file(application, name)
            deleted += 1
    return deleted


def anonymise_applications(*, now, dry_run=False):
    """Blank the free-text answers (and what reviewers wrote about them) and delete the CV. The
    state, university, cohort, level, year, pathways and dates stay, so the funnel counts stay."""
    due = selectors.due_applications_to_anonymise(now=now)
    if dry_run:
        return due.count()
    anonymised = 0
    for application in due.only("pk", "cv"):
        name = application.cv.name
        with transaction.atomic():
            claimed = Application.objects.filter(pk=application.pk, anonymised_at__isnull=True).update(
                course="", motivation="", career_goals="", availability="", cv="", anonymised_at=now
            )
            if not claimed:
                continue
            Review.objects.filter(application_id=application.pk).update(comment="", conflict_reason="")
            Answer.objects.filter(application_id=application.pk).delete()
            ApplicationEvent.objects.filter(application_id=application.pk).update(reason="")
        if name:
            _delete_cv_file(application, name)
        anonymised += 1
    return anonymised


def purge_email_bodies(*, now, dry_run=False):
    """Remove the text, HTML, attachments and headers of old emails. The row keeps its key (so the
    same email is never sent again), status, recipient, subject and times: the record that it went."""
    due = selectors.due_email_bodies_to_purge(now=now)
    if dry_run:
        return due.count()
    return due.update(body_text=selectors.PURGED_BODY, body_html="", attachments=[], headers={})


def delete_unconfirmed_prospects(*, now, dry_run=False):
    """People who registered interest but never confirmed their address: their consent was never
    given, so nothing justifies keeping them (their unconfirmed consent records go with them)."""
    due = selectors.due_unconfirmed_prospects(now=now)
    if dry_run:
        return due.count()
    return due.delete()[1].get("recruitment.Prospect", 0)


def warn_inactive_accounts(*, now, dry_run=False):
    """Email each long-unused account once per silence, asking them to sign in to keep it."""
    due = selectors.due_inactivity_warnings(now=now)
    if dry_run:
        return due.count()
    grace_days = selectors.portal_wide_periods()["delete_warned_accounts_after_days"]
    warned = 0
    for user in due:
        try:
            with transaction.atomic():
                InactivityWarning.objects.create(user=user, inactive_since=user.last_active, warned_at=now)
                emails.queue_inactivity_warning(
                    user=user, inactive_since=user.last_active, now=now, grace_days=grace_days
                )
        except IntegrityError:
            continue  # another run warned them a moment ago
        warned += 1
    return warned


def delete_due_accounts(*, now, dry_run=False):
    """Erase the accounts whose warning went unanswered for the grace period, each through the
    privacy app's erasure (which walks the register of personal data) in a transaction of its own,
    so one that fails leaves the others erased and is retried the next day."""
    due = selectors.accounts_due_for_deletion(now=now)
    if dry_run:
        return due.count()
    erased = 0
    for person in due:
        try:
            erase_person(person=person, actor=None, reason="Retention: no activity after the inactivity warning")
        except PortalError:
            logger.exception("retention: could not erase account %s", person.pk)
        else:
            erased += 1
    return erased


# In the order they run: CVs before anonymising, so each rule counts what it alone removed.
RULES = {
    Rule.DELETE_CVS: delete_cvs,
    Rule.ANONYMISE_APPLICATIONS: anonymise_applications,
    Rule.PURGE_EMAIL_BODIES: purge_email_bodies,
    Rule.DELETE_UNCONFIRMED_PROSPECTS: delete_unconfirmed_prospects,
    Rule.WARN_INACTIVE_ACCOUNTS: warn_inactive_accounts,
    Rule.DELETE_INACTIVE_ACCOUNTS: delete_due_accounts,
}


def apply_schedule(*, now, dry_run=False, source=RunSource.BEAT):
    """Run every rule and log what each did (or would do) in RetentionRun. Returns {rule: count}."""
    counts = {}
    for rule, run in RULES.items():
        counts[rule] = run(now=now, dry_run=dry_run)
        RetentionRun.objects.create(rule=rule, count=counts[rule], dry_run=dry_run, source=source, ran_at=now)
    return counts


def save_schedule(*, schedule, data):
    for name in schedule.PERIODS:
        setattr(schedule, name, data[name])
    schedule.save()
    return schedule
