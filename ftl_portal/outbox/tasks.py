from celery import shared_task

from . import services


@shared_task(name="outbox.deliver", bind=True, max_retries=None, acks_late=True)
def deliver_message(self, message_id):
    try:
        services.deliver(message_id)
    except services.TransientDeliveryError as exc:
        raise self.retry(countdown=exc.countdown, exc=exc) from exc


@shared_task(name="outbox.sweep")
def sweep_outbox():
    return services.sweep()
