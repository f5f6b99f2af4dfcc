from django.apps import AppConfig


class FtlPortalConfig(AppConfig):
    name = "ftl_portal"
    verbose_name = "FTL Portal"

    def ready(self):
        from ftl_portal import privacy

        privacy.autodiscover()  # every app's privacy.py registers its personal data
