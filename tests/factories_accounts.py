"""Invitations and two-factor helpers for accounts tests."""

import re
import time
from datetime import timedelta

import factory
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role
from ftl_portal.outbox.models import OutboxMessage
from tests.factories import CoordinatorFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.MENTOR
    invited_by = factory.SubFactory(CoordinatorFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


def totp_code(secret):
    """The code an authenticator app shows now for `secret`, computed with allauth's own helpers.
    Near the end of a 30-second period it waits for the next one, as a person would: a code made
    in the period's last seconds can expire before the server checks it (allauth's tolerance is 0),
    which made the two-factor tests fail now and then on a slow machine."""
    into_period = time.time() % 30
    if into_period > 25:
        time.sleep(30 - into_period + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def give_totp(user):
    """Activate TOTP for `user` as the set-up page would; returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def accept_link_from_outbox(email):
    body = OutboxMessage.objects.filter(to=email, key__startswith="invitation:").latest("created_at").body_text
    match = re.search(r"https?://\S+(/invitations/accept/\S+/)", body)
    assert match, body
    return match.group(1)


def set_up_totp_in_the_browser_flow(client, password):
    """What a person sent to two-factor set-up does: confirm their password, scan, type the code.
    Returns the secret and the page they end on."""
    client.post(reverse("account_reauthenticate"), {"password": password})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    return secret, response
