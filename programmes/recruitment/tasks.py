"""Celery tasks of recruitment: thin, they take ids and call a service."""

from celery import shared_task

from programmes.recruitment.services import campaigns


@shared_task(name="campaigns.tick")
def campaigns_tick():
    return campaigns.tick()


@shared_task(name="campaigns.release")
def release_campaign(campaign_id):
    return campaigns.release(campaign_id=campaign_id)


@shared_task(name="campaigns.deliver_batch", acks_late=True)
def deliver_campaign_batch(campaign_id, message_ids):
    return campaigns.deliver(campaign_id=campaign_id, message_ids=message_ids)
