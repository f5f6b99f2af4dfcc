"""Celery task of retention: thin, it calls the service with the time of the run."""

from celery import shared_task
from django.utils import timezone

from programmes.retention import services


@shared_task(name="retention.apply")
def apply_retention():
    return services.apply_schedule(now=timezone.now())
