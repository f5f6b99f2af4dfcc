from django.apps import AppConfig


class CompletionConfig(AppConfig):
    name = "programmes.completion"
    label = "completion"
    verbose_name = "Completion"
