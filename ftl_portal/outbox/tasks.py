from celery import shared_task

from . import services


@shared_task(name="outbox.deliver", acks_late=True)
def deliver_message(message_id):
    # No Celery retry: a transient failure is recorded on the row and the sweeper publishes the
    # retry when it is due, so one mechanism (the claim) guards against double sends.
    services.deliver(message_id=message_id)


@shared_task(name="outbox.sweep")
def sweep_outbox():
    return services.sweep()
