from celery import shared_task

from .services import reminders


@shared_task(name="sessions.scan_reminders")
def scan_session_reminders():
    return {"reminders": reminders.scan_reminders(), "feedback": reminders.scan_feedback_requests()}
