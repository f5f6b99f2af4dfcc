"""`make run`: links in emails follow HOST and PORT, and Ctrl-C or a SIGTERM to make stops web, worker and
beat within 10 s (a Celery worker once sat in its warm shutdown for over a minute)."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")
# Run with this interpreter's virtualenv, and never reinstall it (-o: its .installed stamp counts as current).
VENV = Path(sys.prefix)
MAKE_ARGS = ["-o", f"{VENV}/.installed", "run", f"VENV={VENV}"]


def clean_env(**extra):
    inherited = (
        "DJANGO_",
        "FTL_",
        "DATABASE_URL",
        "REDIS_URL",
        "CELERY_",
        "EMAIL_",
        "SENTRY_",
        "MAKEFLAGS",
        "MFLAGS",
        "MAKELEVEL",
    )
    return {**{k: v for k, v in os.environ.items() if not k.startswith(inherited)}, **extra}


def dry_run(*args, **env):
    result = subprocess.run(
        [MAKE, "-n", *MAKE_ARGS, *args], cwd=ROOT, env=clean_env(**env), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_links_in_emails_follow_host_and_port():
    assert "(links in emails: http://127.0.0.1:8200)" in dry_run("PORT=8200")
    assert "(links in emails: http://0.0.0.0:8300)" in dry_run("HOST=0.0.0.0", "PORT=8300")


def test_a_site_url_from_the_environment_wins():
    assert "(links in emails: https://ftl.example.org)" in dry_run("PORT=8200", FTL_SITE_URL="https://ftl.example.org")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_processes(sid):
    """The runserver and celery processes (not the recipe's shell, whose text names them) of the session."""
    listed = subprocess.run(["ps", "-ww", "-o", "pid=,args=", "-s", str(sid)], capture_output=True, text=True).stdout
    rows = [line.split(None, 1) for line in listed.splitlines() if line.strip()]
    return [
        f"{pid} {args}"
        for pid, args in rows
        if ("celery" in args or "runserver" in args) and Path(args.split()[0]).name not in {"sh", "dash", "bash"}
    ]


def wait_for_health(port, make, log, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert make.poll() is None, log.read_text()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"make run did not answer /healthz within {seconds}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def seeded():
    """The var/ the first test's `make run` migrated and seeded from nothing, as a newcomer's first
    run does; a later test starts from a copy of it, as a second run does, instead of spending
    another 10 s on the migrations and the demo data. Its queue and beat schedule are left out."""
    return {}


def var_dir(tmp_path, seeded):
    var = tmp_path / "var"
    if "var" in seeded:
        shutil.copytree(seeded["var"], var, ignore=shutil.ignore_patterns("broker", "celerybeat-schedule*"))
    return var


@pytest.mark.integration
@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc and `ps -s`")
@pytest.mark.parametrize("stop", ["sigterm-to-make", "ctrl-c"])
def test_make_run_stops_web_worker_and_beat_within_10_seconds(tmp_path, seeded, stop):
    port, log, var = free_port(), tmp_path / "make-run.log", var_dir(tmp_path, seeded)
    with log.open("w") as out:
        make = subprocess.Popen(
            [MAKE, *MAKE_ARGS, f"PORT={port}"],
            cwd=ROOT,
            env=clean_env(FTL_VAR_DIR=str(var)),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own session and process group, as a terminal would give it
        )
    try:
        wait_for_health(port, make, log)

        def worker_and_beat_up():
            running = session_processes(make.pid)
            return sum("worker" in line for line in running) >= 2 and any("beat" in line for line in running)

        deadline = time.monotonic() + 180  # a safety bound only: the loop ends once both are running
        while not worker_and_beat_up() and time.monotonic() < deadline:
            time.sleep(0.2)
        running = session_processes(make.pid)
        assert worker_and_beat_up(), running
        runserver = next(int(line.split()[0]) for line in running if "runserver" in line)
        environ = Path(f"/proc/{runserver}/environ").read_bytes().split(b"\0")
        assert f"FTL_SITE_URL=http://127.0.0.1:{port}".encode() in environ

        started = time.monotonic()
        if stop == "ctrl-c":
            os.killpg(make.pid, signal.SIGINT)  # what the terminal does: the whole foreground group
        else:
            make.send_signal(signal.SIGTERM)  # what a process manager does: make alone
        make.wait(timeout=30)
        while session_processes(make.pid) and time.monotonic() - started < 30:
            time.sleep(0.1)
        elapsed = time.monotonic() - started
        assert not session_processes(make.pid), session_processes(make.pid)
        assert elapsed < 10, f"stopped in {elapsed:.1f}s\n{log.read_text()[-3000:]}"
        seeded.setdefault("var", var)  # everything has stopped: nothing writes to it any more
    finally:
        if make.poll() is None or session_processes(make.pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(make.pid, signal.SIGKILL)
            make.wait()
