"""DJANGO_ENV=production: strict, complete, and refusing to start with anything missing. Run in a
subprocess so the settings module is read afresh from that environment."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "ftl.example.org",
    # Checks do not connect; the URLs only have to be given.
    "DATABASE_URL": "postgres://ftl:ftl@127.0.0.1:5432/ftl",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "FTL_MFA_KEY": Fernet.generate_key().decode(),
}


def run(args, **env):
    inherited = ("DJANGO_", "FTL_", "DATABASE_URL", "REDIS_URL", "CELERY_", "EMAIL_", "SENTRY_")
    base = {key: value for key, value in os.environ.items() if not key.startswith(inherited)}
    environment = {**base, **{k: v for k, v in env.items() if v is not None}}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_the_production_environment():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_a_secret_key_or_hosts():
    for missing in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "FTL_MFA_KEY"):
        result = run(["manage.py", "check"], **{**PRODUCTION_ENV, missing: None})
        assert result.returncode != 0, missing
        assert f"{missing} must be set when DJANGO_ENV=production" in result.stderr


def test_production_refuses_an_mfa_key_that_is_not_a_fernet_key():
    result = run(["manage.py", "check"], **{**PRODUCTION_ENV, "FTL_MFA_KEY": "not-a-key"})
    assert result.returncode != 0
    assert "FTL_MFA_KEY must be Fernet keys" in result.stderr


# Every switch that exists for tests or local development, with a value that would turn it on.
TEST_ONLY_SWITCHES = [
    ("DJANGO_DEBUG", "1"),
    ("FTL_FAST_PASSWORD_HASHER", "1"),
    ("FTL_DISABLE_RATE_LIMITS", "true"),
    ("CELERY_TASK_ALWAYS_EAGER", "yes"),
    ("FTL_DEMO_MFA_OPTIONAL", "on"),
    ("FTL_TEST_DB_NAME", "ftl"),
    ("FTL_EMAIL_DELIVERY_BACKEND", "ftl_portal.outbox.backends.MailboxOnlyBackend"),
    ("FTL_EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.locmem.EmailBackend"),
    ("FTL_EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend"),
]
# What settings.py may read in production, each doing what it says in the README's Configuration table.
PRODUCTION_VARIABLES = {
    "DJANGO_ENV", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_HSTS_SECONDS", "DJANGO_LOG_LEVEL", "DATABASE_URL", "REDIS_URL",
    "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL",
    "FTL_SITE_URL", "FTL_VAR_DIR", "FTL_BROKER_DIR", "FTL_PRIVATE_MEDIA", "FTL_OUTBOX_MAX_ATTEMPTS",
    "FTL_OUTBOX_STUCK_AFTER_SECONDS", "FTL_REMINDER_SCAN_SECS", "FTL_CAMPAIGN_TICK_SECONDS",
    "FTL_CAMPAIGN_STUCK_AFTER_SECONDS", "SENTRY_DSN", "SENTRY_ENVIRONMENT", "SENTRY_RELEASE",
    "SENTRY_TRACES_SAMPLE_RATE", "FTL_MFA_KEY", "FTL_CONTACT_EMAIL", "FTL_READ_CACHE", "FTL_DB_PREPARED_STATEMENTS",
}  # fmt: skip


def test_every_environment_variable_settings_reads_is_either_for_production_or_refused_there():
    """A new env switch must be sorted here: a production setting, or a test-only one refused in production."""
    source = (ROOT / "ftl_portal" / "settings.py").read_text()
    read = set(re.findall(r"""(?:env|env_bool|env_list|environ\.get)\(\s*["']([A-Z][A-Z0-9_]+)["']""", source))
    test_only = {name for name, _ in TEST_ONLY_SWITCHES}
    assert read - PRODUCTION_VARIABLES == test_only, "sort the new variable into PRODUCTION_VARIABLES or refuse it"
    assert not read & PRODUCTION_VARIABLES & test_only


@pytest.mark.parametrize(("name", "value"), TEST_ONLY_SWITCHES)
def test_production_refuses_to_start_with_a_test_only_switch_on(name, value):
    result = run(["-c", "import ftl_portal.settings"], **PRODUCTION_ENV, **{name: value})
    assert result.returncode != 0, f"{name}={value} was accepted in production"
    assert "ImproperlyConfigured: Test-only settings are refused when DJANGO_ENV=production" in result.stderr
    assert f"{name}={value}" in result.stderr


def test_production_names_every_test_only_switch_that_is_on_at_once():
    switches = {"FTL_FAST_PASSWORD_HASHER": "1", "CELERY_TASK_ALWAYS_EAGER": "1", "DJANGO_DEBUG": "true"}
    result = run(["manage.py", "check"], **PRODUCTION_ENV, **switches)
    assert result.returncode != 0
    for name, value in switches.items():
        assert f"{name}={value}" in result.stderr


def test_production_starts_with_the_boolean_switches_set_off_and_a_real_delivery_backend():
    off = {name: "0" for name, value in TEST_ONLY_SWITCHES if value in {"1", "true", "yes", "on"}}
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION_ENV,
        **off,
        FTL_EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.urls import Resolver404, resolve
try:
    resolve("/mailbox/")
    mailbox = "routed"
except Resolver404:
    mailbox = "404"
print(json.dumps({
    "mailbox": mailbox,
    "demo_mfa_optional": settings.FTL_DEMO_MFA_OPTIONAL,
    "debug": settings.DEBUG,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "secure_cookies": settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "csp_scripts": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"],
    "delivery": settings.OUTBOX_DELIVERY_BACKEND,
    "hashers": settings.PASSWORD_HASHERS[0],
    "rate_limits": bool(settings.ACCOUNT_RATE_LIMITS),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
}))
"""


def test_production_has_no_mailbox_no_demo_mfa_bypass_and_the_strict_settings():
    # FTL_DEMO_MFA_OPTIONAL=1 is refused outright (below); a false value is accepted and changes nothing.
    result = run(
        ["-c", PROBE], DJANGO_SETTINGS_MODULE="ftl_portal.settings", FTL_DEMO_MFA_OPTIONAL="0", **PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "mailbox": "404",
        "demo_mfa_optional": False,
        "debug": False,
        "hsts": 31536000,
        "secure_cookies": True,
        "ssl_redirect": True,
        "csp_scripts": ["'self'"],
        # No EMAIL_HOST: still SMTP (failures show in the outbox), never the mailbox-only backend.
        "delivery": "django.core.mail.backends.smtp.EmailBackend",
        "hashers": "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "rate_limits": True,
        "eager": False,
    }


def test_the_mailbox_is_gone_once_a_real_smtp_server_is_configured():
    result = run(["-c", PROBE], DJANGO_SETTINGS_MODULE="ftl_portal.settings", EMAIL_HOST="smtp.example.org")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["mailbox"] == "404"
    result = run(["-c", PROBE], DJANGO_SETTINGS_MODULE="ftl_portal.settings")
    assert json.loads(result.stdout.strip().splitlines()[-1])["mailbox"] == "routed"


PAGES_PROBE = """
import json, django
django.setup()
from django.test import Client
pages = {}
# Pages that need no database (the probe has none): the home page reads the open cohort.
for path in ("/privacy/", "/accounts/login/", "/mailbox/"):
    response = Client().get(path, secure=True, HTTP_HOST="ftl.example.org")
    pages[path] = {
        "status": response.status_code,
        "hsts": response.headers.get("Strict-Transport-Security", ""),
        "csp": response.headers.get("Content-Security-Policy", ""),
        "nosniff": response.headers.get("X-Content-Type-Options", ""),
        "html": response.content.decode(),
    }
print(json.dumps(pages))
"""


def test_production_renders_pages_with_hashed_static_files_after_collectstatic(tmp_path):
    """What the Dockerfile does: collectstatic in production mode, then pages reference the hashed
    files (a collectstatic in development mode would leave production without its manifest: 500s)."""
    env = {**PRODUCTION_ENV, "FTL_VAR_DIR": str(tmp_path)}
    collected = run(["manage.py", "collectstatic", "--noinput"], **env)
    assert collected.returncode == 0, collected.stderr
    result = run(["-c", PAGES_PROBE], DJANGO_SETTINGS_MODULE="ftl_portal.settings", **env)
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout.strip().splitlines()[-1])
    for path in ("/privacy/", "/accounts/login/"):
        page = pages[path]
        assert page["status"] == 200, path
        assert page["hsts"].startswith("max-age=31536000") and "script-src 'self'" in page["csp"], path
        assert page["nosniff"] == "nosniff", path
        assert re.search(r'href="/static/css/portal\.[0-9a-f]{12}\.css"', page["html"]), path
    assert pages["/mailbox/"]["status"] == 404
