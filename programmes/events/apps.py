from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "programmes.events"
    label = "events"
    verbose_name = "Events"
