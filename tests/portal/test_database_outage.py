"""PostgreSQL down: the portal, served by gunicorn as in production, answers every page with a
503 that says to try again, and no traceback; /healthz/ready names the database."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTHING_LISTENS = "postgres://portal@127.0.0.1:1/portal"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, data=None):
    try:
        with urllib.request.urlopen(url, data=data, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def portal_without_its_database(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("outage")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": NOTHING_LISTENS,
        "DJANGO_DEBUG": "0",
        "FTL_VAR_DIR": str(tmp_path),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ftl_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # gunicorn is up once it answers anything; waits on state, not a clock
            try:
                fetch(f"{base}/healthz")
                break
            except (ConnectionError, urllib.error.URLError):
                if server.poll() is not None:
                    pytest.fail(f"gunicorn stopped: {server.stdout.read()}")
                subprocess.run(["sleep", "0.1"])
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("path", ["/cohorts/", "/pathways/", "/certificates/verify/FTL-PILOT-2026-DEMO/"])
def test_a_page_that_needs_the_database_is_a_503_that_says_to_try_again(portal_without_its_database, path):
    base, server = portal_without_its_database
    status, body = fetch(base + path)
    assert status == 503
    assert "cannot reach its database just now" in body
    assert "Traceback" not in body and "OperationalError" not in body


def test_signing_in_is_a_503_not_a_500(portal_without_its_database):
    base, _ = portal_without_its_database
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = browser.open(base + "/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": "a@warwick.ac.uk", "password": "x" * 12})
    request = urllib.request.Request(base + "/accounts/login/", data=form.encode(), headers={"Referer": base})
    try:
        browser.open(request, timeout=30)
        pytest.fail("signing in without a database answered 2xx")
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    assert status == 503
    assert "cannot reach its database just now" in body and "Traceback" not in body


def test_pages_that_need_no_database_still_answer(portal_without_its_database):
    base, _ = portal_without_its_database
    status, body = fetch(base + "/accounts/login/")
    assert status == 200 and "Sign in" in body


def test_the_readiness_check_names_the_database(portal_without_its_database):
    base, _ = portal_without_its_database
    status, body = fetch(base + "/healthz/ready")
    assert status == 503
    assert '"database"' in body
