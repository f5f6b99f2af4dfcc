"""Errors reach someone: Sentry is initialised only when SENTRY_DSN is set, and never sends personal data.
Each case imports the settings afresh in a subprocess."""

import json

from tests.portal.test_production_settings import run

PROBE = """
import json, django
django.setup()
import sentry_sdk
client = sentry_sdk.get_client()
print(json.dumps({
    "active": client.is_active(),
    "transport": client.transport is not None,
    "pii": client.options.get("send_default_pii"),
    "bodies": client.options.get("max_request_body_size"),
    "locals": client.options.get("include_local_variables"),
    "integrations": sorted(client.integrations),
}))
"""


def probe(**env):
    result = run(["-c", PROBE], DJANGO_SETTINGS_MODULE="ftl_portal.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_dsn_sentry_is_not_initialised():
    sentry = probe()
    assert sentry["active"] is False
    assert sentry["transport"] is False  # nothing that could send


def test_with_a_dsn_sentry_is_active_with_django_and_celery_and_no_personal_data():
    # Nothing listens on port 9: initialising must not need the network.
    sentry = probe(SENTRY_DSN="https://key@127.0.0.1:9/1")
    assert sentry["active"] is True
    assert {"django", "celery"} <= set(sentry["integrations"])
    assert sentry["pii"] is False
    assert sentry["bodies"] == "never"
    assert sentry["locals"] is False
