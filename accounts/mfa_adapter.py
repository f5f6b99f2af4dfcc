"""MFA secrets at rest (MFA_ADAPTER): allauth stores each TOTP key and the recovery-code seed through
encrypt/decrypt, so a copy of the database (a backup, a leaked dump) cannot mint second factors.

Fernet (AES-128-CBC with an HMAC-SHA256) with settings.FTL_MFA_KEYS: the first key encrypts, every key
decrypts, so a key is rotated by putting the new one first and re-saving with `encrypt_mfa_secrets`.
"""

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

ENCRYPTED = "fernet:"


def _fernet():
    return MultiFernet([Fernet(key) for key in settings.FTL_MFA_KEYS])


class PortalMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text):
        return ENCRYPTED + _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        if not encrypted_text.startswith(ENCRYPTED):
            # Stored before encryption was turned on: still usable until `encrypt_mfa_secrets` re-saves it.
            return encrypted_text
        return _fernet().decrypt(encrypted_text.removeprefix(ENCRYPTED).encode()).decode()
