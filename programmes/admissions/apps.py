from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "programmes.admissions"
    label = "admissions"
    verbose_name = "Admissions"
