from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "programmes.messaging"
    label = "messaging"
    verbose_name = "Messaging the cohort"
