"""Real parts for delivery tests: a local SMTP sink (aiosmtpd) and `celery worker` / `celery beat`
subprocesses on the configured broker (the filesystem transport on a bare machine, Redis in CI),
reading the test database."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ftl_portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
# Every wait below is on state (a row sent, a message received, a log line); this bound only stops a
# broken run, so it is far above what a loaded 2-core machine needs.
SAFETY_TIMEOUT = 600


def wait_until(condition, timeout=SAFETY_TIMEOUT, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def database_url():
    """The test database for the workers. A sqlite URL gets the default database's options from
    settings (IMMEDIATE transactions, the busy timeout), so the workers lock as `make run`'s do."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}:{port}/{db['NAME']}"


class CeleryProcesses:
    """Start, kill and restart real Celery processes. Each runs in its own process group so
    SIGKILL takes its pool children with it, as a crashed host would."""

    def __init__(self, smtp_port, extra_env=None):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "FTL_EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "FTL_VAR_DIR": str(settings.VAR_DIR),
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.env.pop("FTL_TEST_DB_NAME", None)
        self.procs = []

    def _spawn(self, *args):
        path = Path(settings.VAR_DIR) / f"celery-{args[0]}-{len(self.procs)}.log"
        log = open(path, "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "ftl_portal", *args],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc.log_path = path
        self.procs.append(proc)
        return proc

    @staticmethod
    def log_lines(proc, *texts):
        """How many lines of the process's log contain every one of texts."""
        lines = proc.log_path.read_text(errors="replace").splitlines()
        return sum(all(text in line for text in texts) for line in lines)

    def worker(self, concurrency=2, loglevel="WARNING"):
        return self._spawn(
            "worker",
            f"--concurrency={concurrency}",
            f"--loglevel={loglevel}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--hostname=test-{len(self.procs)}@%h",
        )

    def beat(self):
        schedule = Path(settings.VAR_DIR) / f"beat-schedule-test-{os.getpid()}"
        return self._spawn("beat", "--loglevel=WARNING", f"--schedule={schedule}")

    @staticmethod
    def kill(proc, sig=signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        proc.wait(timeout=30)

    def stop_all(self):
        """SIGKILL every process group. The test is over and nothing it checks depends on how its
        processes stop (make run's tests check the graceful stop); a warm shutdown on the filesystem
        broker took 5 to 6 s a test, as Celery's blocking loop there looks for it only every 2 s. A
        killed worker's unacknowledged messages are purged here, or on Redis come back only after
        the visibility timeout, naming rows the flush after this test has removed."""
        for proc in self.procs:
            self.kill(proc)


@pytest.fixture
def celery_processes(smtp_sink):
    """Real worker/beat factory. Tasks published by the test go to the real broker (not eager)."""
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    processes = CeleryProcesses(smtp_sink.port)
    yield processes
    processes.stop_all()
    celery_app.control.purge()
    celery_app.conf.task_always_eager = True
