from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "programmes.admissions"
    label = "admissions"
    verbose_name = "Admissions"

    def ready(self):
        from programmes.admissions import read_cache_writes, student_names

        read_cache_writes.connect()
        student_names.connect()
