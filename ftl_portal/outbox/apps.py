from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "ftl_portal.outbox"
    label = "outbox"
    verbose_name = "Outbox"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system check
