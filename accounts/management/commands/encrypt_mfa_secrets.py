"""Re-save every TOTP key and recovery-code seed with the first FTL_MFA_KEY: encrypts those stored before
encryption was turned on, and re-encrypts the rest after a key rotation. Safe to run again."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt, encrypt
from django.core.management.base import BaseCommand
from django.db import transaction

SECRET_FIELDS = ("secret", "seed")


class Command(BaseCommand):
    help = "Encrypt (or re-encrypt after a key rotation) the stored two-factor secrets."

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().filter(
                type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES]
            ):
                data = dict(authenticator.data)
                for field in SECRET_FIELDS:
                    if field in data:
                        data[field] = encrypt(decrypt(data[field]))
                if "migrated_codes" in data:
                    data["migrated_codes"] = [encrypt(decrypt(code)) for code in data["migrated_codes"]]
                authenticator.data = data
                authenticator.save(update_fields=["data"])
                count += 1
        self.stdout.write(f"{count} two-factor authenticators saved with the current key.")
