from celery import shared_task

from .services import decisions, reminders


@shared_task(name="sessions.scan_reminders")
def scan_session_reminders():
    return {"reminders": reminders.scan_reminders(), "feedback": reminders.scan_feedback_requests()}


@shared_task(name="programmes.expire_offers")
def expire_offers():
    """Decline offers past their response deadline; each freed place goes down the waiting list."""
    return decisions.expire_offers()
