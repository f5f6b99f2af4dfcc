from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from allauth.mfa.signals import authenticator_removed

        from .middleware import forget_mfa

        authenticator_removed.connect(forget_mfa, dispatch_uid="accounts.forget_mfa")
