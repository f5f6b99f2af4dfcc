from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "programmes.cohorts"
    label = "cohorts"
    verbose_name = "Cohorts"
