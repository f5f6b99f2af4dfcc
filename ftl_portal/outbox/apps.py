from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "ftl_portal.outbox"
    label = "outbox"
    verbose_name = "Outbox"
