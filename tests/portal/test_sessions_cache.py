"""With Redis, sessions are read from it (no query) and kept in the database; a session Redis kept
through an outage, or from before this process started, is never handed back (ftl_portal/sessions.py)."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ftl_portal import sessions
from tests.factories import StaffFactory
from tests.portal.test_production_settings import run

pytestmark = [pytest.mark.django_db, pytest.mark.redis_sessions]


@pytest.fixture
def redis_sessions(require_redis, settings, monkeypatch):
    assert settings.SESSION_ENGINE == "ftl_portal.sessions"  # as the settings choose with REDIS_URL
    monkeypatch.setattr(sessions, "_dropped_after", None)  # as in a process that has just started


def session_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard")).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "django_session" in q["sql"]]


def redis_holds(session_key):
    client = cache._cache.get_client(write=False)
    return bool(client.exists(cache.make_key(sessions.KEY_PREFIX + session_key)))


def test_a_signed_in_page_reads_its_session_from_redis_and_the_database_keeps_it(client, redis_sessions):
    client.force_login(StaffFactory())
    key = client.session.session_key
    session_queries(client)  # the first read after the process starts drops what Redis held
    assert session_queries(client) == []
    assert redis_holds(key) and Session.objects.filter(session_key=key).exists()


def test_a_session_redis_kept_from_before_the_process_started_is_not_handed_back(client, redis_sessions, monkeypatch):
    client.force_login(StaffFactory())
    key = client.session.session_key
    Session.objects.filter(session_key=key).delete()  # ended during an outage the last process saw begin
    assert redis_holds(key)
    monkeypatch.setattr(sessions, "_dropped_after", None)  # this process starts
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not redis_holds(key)


def test_a_sign_out_during_an_outage_stays_signed_out_when_redis_is_back(client, redis_sessions):
    client.force_login(StaffFactory())
    key = client.session.session_key
    session_queries(client)
    assert session_queries(client) == []  # read from Redis
    cache._outage_began(ConnectionError("Redis is unreachable"))
    try:
        assert client.get(reverse("dashboard")).status_code == 200  # from the database meanwhile
        client.post(reverse("account_logout"))
        assert not Session.objects.filter(session_key=key).exists()
        assert redis_holds(key), "Redis still holds the session as it was before the sign-out"
    finally:
        cache._retry_at = 0.0  # Redis is tried again on the next use, and answers
    for _ in range(2):  # the first request finds Redis back; the second reads sessions from it again
        client.cookies["sessionid"] = key  # the old cookie, replayed
        response = client.get(reverse("dashboard"))
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert cache.shared and not redis_holds(key)


def test_the_settings_read_sessions_from_redis_only_where_there_is_one():
    probe = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_ENGINE)"
    without, with_redis = (
        run(["-c", probe], DJANGO_SETTINGS_MODULE="ftl_portal.settings", REDIS_URL=url).stdout.split()[-1]
        for url in (None, "redis://127.0.0.1:6379/0")
    )
    assert (without, with_redis) == ("django.contrib.sessions.backends.db", "ftl_portal.sessions")
