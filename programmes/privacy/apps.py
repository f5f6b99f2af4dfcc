from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "programmes.privacy"
    label = "privacy"
    verbose_name = "Privacy"
