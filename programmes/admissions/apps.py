from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "programmes.admissions"
    label = "admissions"
    verbose_name = "Admissions"

    def ready(self):
        from django.utils.autoreload import file_changed

        from programmes.admissions import read_cache_writes, student_names
        from programmes.admissions.forms.reviews import forget_kept_fields

        read_cache_writes.connect()
        student_names.connect()
        file_changed.connect(forget_kept_fields, dispatch_uid="admissions_kept_review_fields")
