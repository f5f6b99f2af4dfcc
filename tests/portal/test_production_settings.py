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

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "ftl.example.org",
    # Checks do not connect; the URLs only have to be given.
    "DATABASE_URL": "postgres://ftl:ftl@127.0.0.1:5432/ftl",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run(args, **env):
    inherited = ("DJANGO_", "FTL_", "DATABASE_URL", "REDIS_URL")
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
    for missing in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
        result = run(["manage.py", "check"], **{**PRODUCTION_ENV, missing: None})
        assert result.returncode != 0, missing
        assert f"{missing} must be set when DJANGO_ENV=production" in result.stderr


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
}))
"""


def test_production_has_no_mailbox_no_demo_mfa_bypass_and_the_strict_settings():
    result = run(["-c", PROBE], DJANGO_SETTINGS_MODULE="ftl_portal.settings", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "mailbox": "404",
        "demo_mfa_optional": False,
        "debug": False,
        "hsts": 31536000,
        "secure_cookies": True,
        "ssl_redirect": True,
        "csp_scripts": ["'self'"],
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
for path in ("/", "/accounts/login/", "/mailbox/"):
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
    for path in ("/", "/accounts/login/"):
        page = pages[path]
        assert page["status"] == 200, path
        assert page["hsts"].startswith("max-age=31536000") and "script-src 'self'" in page["csp"], path
        assert page["nosniff"] == "nosniff", path
        assert re.search(r'href="/static/css/portal\.[0-9a-f]{12}\.css"', page["html"]), path
    assert pages["/mailbox/"]["status"] == 404


TEST_ONLY_SWITCHES = [
    "FTL_FAST_PASSWORD_HASHER",
    "FTL_DISABLE_RATE_LIMITS",
    "CELERY_TASK_ALWAYS_EAGER",
    "FTL_DEMO_MFA_OPTIONAL",
    "FTL_TEST_DB_NAME",
    "DJANGO_DEBUG",
]


@pytest.mark.parametrize("switch", TEST_ONLY_SWITCHES)
@pytest.mark.parametrize("value", ["1", "0"])
def test_production_refuses_to_start_with_a_test_only_switch(switch, value):
    result = run(["manage.py", "check"], **PRODUCTION_ENV, **{switch: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and switch in result.stderr


def test_outside_production_the_switches_still_work():
    code = "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    result = run(
        ["-c", f"import django, os; django.setup(); {code}"],
        FTL_FAST_PASSWORD_HASHER="1",
        DJANGO_SETTINGS_MODULE="ftl_portal.settings",
    )
    assert result.returncode == 0, result.stderr
    assert "MD5" in result.stdout
