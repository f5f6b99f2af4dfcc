"""Sign-up takes as long for an address that has an account as for a new one, so its timing does not
tell a stranger who is registered. The one timing assertion of the suite: medians over interleaved
tries, against a bound of half a sign-up, with the real (PBKDF2) hasher made quicker for the test."""

import statistics
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db

TRIES = 10


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Still the costliest step of a sign-up, as in production, at a fraction of the iterations."""

    iterations = 200_000


def time_sign_up(client, email, n):
    started = time.perf_counter()
    response = client.post(
        reverse("account_signup"),
        {"full_name": "Ed", "email": email, "password1": "a-long-pass-123", "password2": "a-long-pass-123"},
        REMOTE_ADDR=f"10.0.{n // 250}.{n % 250 + 1}",  # apart from sign-up's own per-address rate limit
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    client.cookies.clear()
    return elapsed


def test_signing_up_with_a_registered_address_costs_what_a_new_one_does(client, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.QuickPBKDF2PasswordHasher"]
    # One address per try, as a stranger probing a list would (a repeat is rate-limited per address).
    existing = [student.email for student in StudentFactory.create_batch(TRIES + 1)]
    time_sign_up(client, "warm-up@example.org", 0)
    time_sign_up(client, existing.pop(), 1)
    for_existing, for_new = [], []
    for n in range(TRIES):
        for_existing.append(time_sign_up(client, existing[n], 2 + 2 * n))
        for_new.append(time_sign_up(client, f"new{n}@example.org", 3 + 2 * n))
    new, old = statistics.median(for_new), statistics.median(for_existing)
    assert abs(old - new) < 0.5 * new, f"registered {old * 1000:.0f} ms, new {new * 1000:.0f} ms"
