"""Every request has an id: on the X-Request-ID response header and on every log record written while it
is served; production writes those records as one JSON object per line."""

import io
import json
import logging
import re
import sys

import pytest

from ftl_portal.logging import JsonFormatter, RequestIdFilter, request_id
from tests.portal.test_production_settings import PRODUCTION_ENV, run

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"[0-9a-f]{32}")


def test_a_response_carries_a_new_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert GENERATED.fullmatch(first["X-Request-ID"])
    assert GENERATED.fullmatch(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize("supplied", ["3f2a9c1e-77b0-4d2e-9a51-0c8e5b6f1d23", "abc123", "edge.lb_01-7", "x" * 128])
def test_a_sane_supplied_request_id_is_echoed(client, supplied):
    assert client.get("/healthz", headers={"X-Request-ID": supplied})["X-Request-ID"] == supplied


@pytest.mark.parametrize(
    "supplied",
    ["x" * 129, "two words", 'quote"d', "new\nline", "<script>", "a;b", "ünïcode", "id=1", ""],
    ids=["too-long", "space", "quote", "newline", "markup", "semicolon", "non-ascii", "equals", "empty"],
)
def test_an_insane_supplied_request_id_is_replaced(client, supplied):
    echoed = client.get("/healthz", headers={"X-Request-ID": supplied})["X-Request-ID"]
    assert GENERATED.fullmatch(echoed)


@pytest.fixture
def json_log():
    """The production handler (JSON formatter, request id filter) on the django.request logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_a_log_record_written_during_a_request_is_one_json_line_with_its_request_id(client, json_log):
    response = client.get("/no-such-page/", headers={"X-Request-ID": "trace-42"})
    assert response.status_code == 404
    lines = json_log.getvalue().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["request_id"] == "trace-42" == response["X-Request-ID"]
    assert record["level"] == "WARNING" and record["logger"] == "django.request"
    assert record["message"] == "Not Found: /no-such-page/"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", record["time"])
    assert request_id.get() is None  # forgotten once the response is closed


def test_the_json_formatter_keeps_a_multi_line_message_and_its_traceback_on_one_line():
    try:
        raise ValueError("bad\ninput")
    except ValueError:
        record = logging.getLogger("ftl_portal").makeRecord(
            "ftl_portal", logging.ERROR, __file__, 1, "failed for %s:\n%s", ("a", "b"), exc_info=sys.exc_info()
        )
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "failed for a:\nb"
    assert entry["request_id"] is None
    assert "ValueError: bad\ninput" in entry["exc_info"] and entry["exc_info"].startswith("Traceback")


PRODUCTION_PROBE = """
import json, logging, django
django.setup()
from django.test import Client
logging.getLogger("celery.worker").info("outside a request")
response = Client().get("/", secure=True, HTTP_HOST="not-allowed.example", HTTP_X_REQUEST_ID="prod-trace-7")
print(json.dumps({"status": response.status_code, "request_id": response.headers.get("X-Request-ID")}))
"""


def test_production_writes_one_json_object_per_line_to_stderr_with_the_request_id():
    result = run(["-c", PRODUCTION_PROBE], DJANGO_SETTINGS_MODULE="ftl_portal.settings", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"status": 400, "request_id": "prod-trace-7"}
    records = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]  # every line is JSON
    by_logger = {record["logger"]: record for record in records}
    assert by_logger["celery.worker"]["request_id"] is None
    refused = by_logger["django.security.DisallowedHost"]
    assert refused["level"] == "ERROR" and refused["request_id"] == "prod-trace-7"
    assert "not-allowed.example" in refused["message"] and "DisallowedHost" in refused["exc_info"]


def test_development_keeps_the_readable_console_format():
    result = run(["-c", PRODUCTION_PROBE], DJANGO_SETTINGS_MODULE="ftl_portal.settings")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^\S+ \S+ INFO celery\.worker outside a request$", result.stderr, re.M)
