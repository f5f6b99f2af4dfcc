"""Sign-in: email only, rate-limited on failures (in the shared cache, Redis when configured)."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, StudentFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_repeated_failures_for_one_account_lock_it_for_a_while_even_with_the_right_password(client):
    student = StudentFactory()
    for _ in range(5):
        response = sign_in(client, student.email, "wrong-password-1")
        assert "not correct" in response.content.decode()
    response = sign_in(client, student.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


def test_an_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    student = StudentFactory()
    wrong = sign_in(client, student.email, "wrong-password-1").content.decode()
    unknown = sign_in(client, "nobody@example.org", "wrong-password-1").content.decode()
    assert "The email address and/or password you specified are not correct." in wrong
    assert "The email address and/or password you specified are not correct." in unknown
