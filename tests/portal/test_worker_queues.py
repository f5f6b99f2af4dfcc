"""Every Celery queue has a worker: a queue nobody consumes would hold its tasks (a campaign's
batches, a sign-in code) for ever, silently."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DECLARED = {queue.name for queue in settings.CELERY_TASK_QUEUES}


def consumed_by(commands):
    queues = set()
    for command in commands:
        named = re.search(r"--queues[= ](\S+)", command)
        queues |= set(named.group(1).split(",")) if named else DECLARED  # no --queues: all of them
    return queues


def test_tasks_are_routed_only_to_declared_queues():
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed | {settings.CELERY_TASK_DEFAULT_QUEUE} <= DECLARED


def test_docker_compose_runs_workers_for_every_queue_and_no_other():
    commands = re.findall(r"command: (celery -A ftl_portal worker.*)", (ROOT / "docker-compose.yml").read_text())
    assert consumed_by(commands) == DECLARED


def test_make_run_starts_a_worker_for_every_queue():
    commands = re.findall(r"\$\(CELERY\) -A ftl_portal worker[^&]*", (ROOT / "Makefile").read_text())
    assert commands
    assert consumed_by(commands) == DECLARED
