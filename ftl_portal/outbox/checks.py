from django.conf import settings
from django.core.checks import Error, register


@register()
def stuck_threshold_exceeds_task_time_limit(app_configs, **kwargs):
    """The sweeper re-queues a row in `sending` after OUTBOX_STUCK_AFTER_SECONDS. A live worker may
    hold it for up to the task's hard time limit, so a shorter threshold could send it twice."""
    if settings.OUTBOX_STUCK_AFTER_SECONDS > settings.CELERY_TASK_TIME_LIMIT:
        return []
    return [
        Error(
            "FTL_OUTBOX_STUCK_AFTER_SECONDS must exceed CELERY_TASK_TIME_LIMIT "
            f"({settings.OUTBOX_STUCK_AFTER_SECONDS} <= {settings.CELERY_TASK_TIME_LIMIT}).",
            hint="A shorter threshold lets the sweeper re-send an email a live worker is still sending.",
            id="outbox.E001",
        )
    ]
