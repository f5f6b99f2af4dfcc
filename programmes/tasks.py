"""Celery tasks of the programme: thin, they take ids and call a service."""

from celery import shared_task

from .services import campaigns, decisions, reminders


@shared_task(name="sessions.scan_reminders")
def scan_session_reminders():
    return {"reminders": reminders.scan_reminders(), "feedback": reminders.scan_feedback_requests()}


@shared_task(name="programmes.expire_offers")
def expire_offers():
    """Decline offers past their response deadline; each freed place goes down the waiting list."""
    return decisions.expire_offers()


@shared_task(name="campaigns.tick")
def campaigns_tick():
    return campaigns.tick()


@shared_task(name="campaigns.release")
def release_campaign(campaign_id):
    return campaigns.release(campaign_id=campaign_id)


@shared_task(name="campaigns.deliver_batch", acks_late=True)
def deliver_campaign_batch(campaign_id, message_ids):
    return campaigns.deliver(campaign_id=campaign_id, message_ids=message_ids)
