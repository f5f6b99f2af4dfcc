from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "programmes.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from programmes.events import receivers  # noqa: F401 - connects the receivers
