"""Celery tasks of admissions: thin, they take ids and call a service."""

from celery import shared_task

from programmes.admissions.services import deadline_reminders, decisions


@shared_task(name="admissions.expire_offers")
def expire_offers():
    """Decline offers past their response deadline; each freed place goes down the waiting list."""
    return decisions.expire_offers()


@shared_task(name="admissions.deadline_reminders")
def scan_deadline_reminders():
    """Remind students with an unsubmitted draft, 7 days and 48 hours before their cohort closes."""
    return deadline_reminders.scan_deadline_reminders()
