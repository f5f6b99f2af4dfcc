"""The health checks: /healthz is the process alone; /healthz/ready reports the database and the
broker, 200 when both answer and 503 naming the one that does not. In production both answer plain
HTTP, where a load balancer's probe comes, while every other page still redirects to HTTPS."""

import json

import pytest
from django.db import OperationalError

from ftl_portal import health
from tests.portal.test_production_settings import PRODUCTION_ENV, run

pytestmark = pytest.mark.django_db


def test_healthz_is_the_trivial_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_ready_reports_the_database_and_the_broker(client, settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_out": str(tmp_path)}
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_ready_is_503_when_the_filesystem_broker_cannot_be_written(client, settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_out": str(tmp_path / "missing")}
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("down")
    assert response.json()["database"] == "ok"


def test_ready_is_503_when_redis_refuses_the_connection(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("down")


def test_ready_is_503_when_the_database_is_down(client, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["database"] == "down: OperationalError"


REDIRECT_PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="ftl.example.org")
print(json.dumps({path: client.get(path).status_code for path in ("/healthz", "/healthz/ready", "/cohorts/")}))
"""


def test_production_answers_the_health_checks_over_plain_http_and_redirects_the_rest():
    result = run(["-c", REDIRECT_PROBE], DJANGO_SETTINGS_MODULE="ftl_portal.settings", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    statuses = json.loads(result.stdout.strip().splitlines()[-1])
    assert statuses["/healthz"] == 200
    # 503 where nothing listens at PRODUCTION_ENV's database and Redis, 200 where they do: never 301.
    assert statuses["/healthz/ready"] in (200, 503)
    assert statuses["/cohorts/"] == 301


def test_ready_reaches_a_running_redis_broker(client, settings, require_redis):
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600}
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"
