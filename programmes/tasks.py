from celery import shared_task

from .services import decisions


@shared_task(name="programmes.expire_offers")
def expire_offers():
    """Decline offers past their response deadline; each freed place goes down the waiting list."""
    return decisions.expire_offers()
