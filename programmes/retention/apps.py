from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "programmes.retention"
    label = "retention"
    verbose_name = "Retention"
