"""Celery tasks of sessions and bookings: thin, they take ids and call a service."""

from celery import shared_task

from programmes.events.services import attendance, reminders


@shared_task(name="sessions.scan_reminders")
def scan_session_reminders():
    return {"reminders": reminders.scan_reminders(), "feedback": reminders.scan_feedback_requests()}


@shared_task(name="sessions.follow_up_no_shows")
def follow_up_no_shows():
    return {"no_shows": attendance.follow_up_no_shows()}
