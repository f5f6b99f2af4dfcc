"""Celery tasks of admissions: thin, they take ids and call a service."""

from celery import shared_task

from programmes.admissions.services import decisions


@shared_task(name="admissions.expire_offers")
def expire_offers():
    """Decline offers past their response deadline; each freed place goes down the waiting list."""
    return decisions.expire_offers()
