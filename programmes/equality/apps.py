from django.apps import AppConfig


class EqualityConfig(AppConfig):
    name = "programmes.equality"
    label = "equality"
    verbose_name = "Equality monitoring"
