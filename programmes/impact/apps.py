from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "programmes.impact"
    label = "impact"
    verbose_name = "Impact"
