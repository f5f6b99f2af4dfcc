"""Celery tasks of sessions and bookings: thin, they take ids and call a service."""

from celery import shared_task

from programmes.events.services import reminders


@shared_task(name="sessions.scan_reminders")
def scan_session_reminders():
    return {"reminders": reminders.scan_reminders(), "feedback": reminders.scan_feedback_requests()}
