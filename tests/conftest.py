import os

import pytest
from django.core.cache import cache
from django.db import connection

from ftl_portal.celery import app as celery_app
from programmes.admissions import read_cache
from tests.smtp_sink import SmtpSink

# With FTL_REQUIRE_SERVICES=1 (CI) a test that needs PostgreSQL, Redis or Chromium fails instead of
# skipping, so a green CI run means every test really ran.
REQUIRE_SERVICES = os.environ.get("FTL_REQUIRE_SERVICES") == "1"


def need(condition, what):
    if condition:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required here (FTL_REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available")


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked `postgres` (row locks under real concurrency, PostgreSQL's own SQL) skip on SQLite."""
    if request.node.get_closest_marker("postgres"):
        need(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def require_redis(settings):
    need(bool(settings.REDIS_URL), "Redis (set REDIS_URL)")


@pytest.fixture(autouse=True)
def _portal_test_settings(settings, request):
    if not request.node.get_closest_marker("redis_sessions"):
        # The query-count tests count a page's queries with its session read from the database, as
        # without Redis; tests/portal/test_sessions_cache.py reads sessions from Redis.
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SITE_URL = "http://testserver"
    settings.FTL_READ_CACHE = True  # one process: the local-memory cache is shared by every request
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    cache.clear()
    read_cache.recent.clear()  # the process's copies go with the cache they were read from
    yield
    cache.clear()
    read_cache.recent.clear()


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the on-commit hooks (outbox dispatch) of what the block does, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on a free local port, and the outbox delivering to it."""
    sink = SmtpSink()
    sink.start()
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    yield sink
    sink.stop()
