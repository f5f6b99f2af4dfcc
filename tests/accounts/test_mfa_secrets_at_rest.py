"""TOTP keys and the recovery-code seed are encrypted in mfa_authenticator.data with FTL_MFA_KEY, and
sign-in with a code still works."""

import io
import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tests.factories import PASSWORD, CoordinatorFactory
from tests.factories_accounts import set_up_totp_in_the_browser_flow, totp_code

pytestmark = pytest.mark.django_db


def stored_data(user):
    """What the database holds, read with SQL: what a copy of the database would show."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE user_id = %s", [user.pk])
        return " ".join(row[0] if isinstance(row[0], str) else json.dumps(row[0]) for row in cursor.fetchall())


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_totp_secret_and_recovery_seed_are_not_stored_in_plain_text_and_the_code_still_signs_in(client):
    coordinator = CoordinatorFactory(is_demo=False)
    sign_in(client, coordinator)
    secret, _ = set_up_totp_in_the_browser_flow(client, PASSWORD)
    seed = RecoveryCodes(Authenticator.objects.get(user=coordinator, type="recovery_codes")).instance.data["seed"]

    stored = stored_data(coordinator)
    assert secret not in stored
    assert stored.count("fernet:") == 2, "the TOTP key and the recovery-code seed"
    assert seed.startswith("fernet:")

    client.post(reverse("account_logout"))
    assert sign_in(client, coordinator)["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")


def test_secrets_stored_before_encryption_are_encrypted_by_the_command_and_a_rotated_key_still_reads_them(
    client, settings
):
    coordinator = CoordinatorFactory(is_demo=False)
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    Authenticator.objects.create(user=coordinator, type=Authenticator.Type.TOTP, data={"secret": secret})
    assert secret in stored_data(coordinator)

    output = io.StringIO()
    call_command("encrypt_mfa_secrets", stdout=output)
    assert "1 two-factor authenticators saved" in output.getvalue()
    assert secret not in stored_data(coordinator)

    settings.FTL_MFA_KEYS = [Fernet.generate_key().decode(), *settings.FTL_MFA_KEYS]  # rotation: new key first
    call_command("encrypt_mfa_secrets", stdout=io.StringIO())
    settings.FTL_MFA_KEYS = settings.FTL_MFA_KEYS[:1]  # the old key retired
    assert sign_in(client, coordinator)["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
