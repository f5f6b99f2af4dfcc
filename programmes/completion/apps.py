from django.apps import AppConfig


class CompletionConfig(AppConfig):
    name = "programmes.completion"
    label = "completion"
    verbose_name = "Completion"

    def ready(self):
        from programmes.completion import receivers  # noqa: F401 - connects the receivers
