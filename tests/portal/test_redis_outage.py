"""Redis down: sign-in and sign-up still work, on a per-process cache, and the outage is logged."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.urls import reverse

from accounts.models import User
from ftl_portal.cache import RedisCacheWithLocalFallback
from tests.factories import PASSWORD, StudentFactory

pytestmark = pytest.mark.django_db

NOTHING_LISTENS = "redis://127.0.0.1:1/0"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "ftl_portal.cache.RedisCacheWithLocalFallback",
            "LOCATION": NOTHING_LISTENS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_sign_in_works_while_redis_is_down_and_the_outage_is_logged_once(client, redis_down, caplog):
    student = StudentFactory()
    with caplog.at_level(logging.ERROR, logger="ftl_portal.cache"):
        response = client.post(reverse("account_login"), {"login": student.email, "password": PASSWORD})
        client.post(reverse("account_logout"))
        client.post(reverse("account_login"), {"login": student.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    outage = [r for r in caplog.records if r.name == "ftl_portal.cache" and r.levelno == logging.ERROR]
    assert len(outage) == 1 and "Redis cache unreachable" in outage[0].getMessage()
    assert outage[0].exc_info  # the traceback reaches Sentry through logging


def test_a_wrong_password_gets_the_normal_page_while_redis_is_down(client, redis_down):
    student = StudentFactory()
    response = client.post(reverse("account_login"), {"login": student.email, "password": "wrong-password-1"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_sign_up_works_while_redis_is_down(client, redis_down):
    response = client.post(
        reverse("account_signup"),
        {"full_name": "Di", "email": "di@aru.ac.uk", "password1": "a-long-pass-123", "password2": "a-long-pass-123"},
    )
    assert response.status_code == 302
    assert User.objects.filter(email="di@aru.ac.uk").exists()


def test_rate_limits_still_hold_per_process_while_redis_is_down(client, redis_down):
    student = StudentFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": student.email, "password": "wrong-password-1"})
    response = client.post(reverse("account_login"), {"login": student.email, "password": "wrong-password-1"})
    assert "not correct" not in response.content.decode()


def test_the_local_cache_serves_only_for_the_outage_then_redis_again(require_redis, settings, caplog):
    backend = RedisCacheWithLocalFallback(NOTHING_LISTENS, {"OPTIONS": {"socket_connect_timeout": 1}})
    backend.set("during-the-outage", "local")
    assert backend.get("during-the-outage") == "local"

    backend._servers = [settings.REDIS_URL]  # Redis is back
    del backend._cache  # the client is rebuilt for the new address
    assert backend.get("during-the-outage") == "local", "retried only after RETRY_AFTER_SECONDS"
    backend._retry_at = 0.0  # that long later
    with caplog.at_level(logging.WARNING, logger="ftl_portal.cache"):
        assert backend.get("during-the-outage") is None  # Redis answers: the local copy is no longer read
    assert "reachable again" in caplog.text
    backend.set("after-the-outage", "shared", 5)
    assert caches["default"].get("after-the-outage") == "shared"


def test_each_pool_has_one_client_reused_by_every_operation(require_redis, settings):
    backend = RedisCacheWithLocalFallback(settings.REDIS_URL, {})
    client = backend._cache.get_client(write=True)
    backend.set("reused-client", "one", 5)
    assert backend.get("reused-client") == "one"
    assert backend.get_many(["reused-client", "absent"]) == {"reused-client": "one"}
    assert backend._cache.get_client() is client
    assert client.get(backend.make_key("reused-client")) is not None


def test_redis_url_configures_the_cache_with_its_fallback_and_no_redis_url_the_local_cache():
    probe = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    for redis_url, backend in [
        (NOTHING_LISTENS, "ftl_portal.cache.RedisCacheWithLocalFallback"),
        (None, "django.core.cache.backends.locmem.LocMemCache"),
    ]:
        env = {**environment, "DJANGO_SETTINGS_MODULE": "ftl_portal.settings"}
        if redis_url:
            env["REDIS_URL"] = redis_url
        result = subprocess.run(
            [sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert result.stdout.strip() == backend, result.stderr
