"""Health checks. /healthz answers "ok" from the process alone: cheap enough to probe every second,
and the benchmarks' trivial-view baseline. /healthz/ready asks what a request needs besides the
process, the database and the broker, each within a short timeout, and answers 503 naming the one
that is down: the probe for a load balancer deciding whether to send traffic here."""

import os

import kombu
from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse

TIMEOUT_SECONDS = 2


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _broker():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        # The filesystem broker is a folder: it is up when the web process can write messages there.
        if not os.access(options["data_folder_out"], os.W_OK):
            raise OSError(f"the broker folder {options['data_folder_out']} is not writable")
        return
    broker = kombu.Connection(
        settings.CELERY_BROKER_URL,
        connect_timeout=TIMEOUT_SECONDS,
        transport_options={**options, "socket_connect_timeout": TIMEOUT_SECONDS, "socket_timeout": TIMEOUT_SECONDS},
    )
    with broker:
        broker.ensure_connection(max_retries=0)


CHECKS = {"database": _database, "broker": _broker}


def ready(request):
    report = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure means down; the probe reports, never raises
            report[name] = f"down: {type(exc).__name__}"
        else:
            report[name] = "ok"
    healthy = all(state == "ok" for state in report.values())
    return JsonResponse({"status": "ok" if healthy else "down", **report}, status=200 if healthy else 503)
