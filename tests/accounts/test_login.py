"""Sign-in: email only, rate-limited on failures per account and address together (in the shared cache,
Redis when configured), so a stranger cannot lock the owner out."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, CoordinatorFactory, StudentFactory
from tests.factories_accounts import give_totp, totp_code

pytestmark = pytest.mark.django_db


STRANGER, OWNER = "203.0.113.7", "198.51.100.20"


def sign_in(client, email, password, ip="127.0.0.1"):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_a_strangers_failures_throttle_the_stranger_with_a_429_page_not_the_owner(client):
    student = StudentFactory()
    for _ in range(5):
        response = sign_in(client, student.email, "wrong-password-1", ip=STRANGER)
        assert "not correct" in response.content.decode()

    throttled = sign_in(client, student.email, PASSWORD, ip=STRANGER)
    assert throttled.status_code == 429
    assert "Too many attempts" in throttled.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302, "the right password is refused while throttled"

    owner = Client()
    response = sign_in(owner, student.email, PASSWORD, ip=OWNER)
    assert response.status_code == 302
    assert owner.get(reverse("dashboard")).status_code == 200


def test_a_coordinator_with_two_factor_signs_in_from_elsewhere_during_a_strangers_attack(client):
    coordinator = CoordinatorFactory(is_demo=False)
    secret = give_totp(coordinator)
    for _ in range(6):
        sign_in(client, coordinator.email, "wrong-password-1", ip=STRANGER)

    owner = Client()
    assert sign_in(owner, coordinator.email, PASSWORD, ip=OWNER)["Location"] == reverse("mfa_authenticate")
    response = owner.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}, REMOTE_ADDR=OWNER, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert sign_in(client, coordinator.email, PASSWORD, ip=STRANGER).status_code == 429


def test_an_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    student = StudentFactory()
    wrong = sign_in(client, student.email, "wrong-password-1").content.decode()
    unknown = sign_in(client, "nobody@example.org", "wrong-password-1").content.decode()
    assert "The email address and/or password you specified are not correct." in wrong
    assert "The email address and/or password you specified are not correct." in unknown
