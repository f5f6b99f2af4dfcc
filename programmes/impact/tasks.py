from celery import shared_task

from programmes.impact import services


@shared_task(name="impact.follow_up_scan")
def follow_up_scan():
    return services.send_due_follow_ups()
