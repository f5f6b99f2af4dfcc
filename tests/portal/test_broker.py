"""The filesystem broker (no Redis): a reader never meets a half-written message, and a broken file
left behind does not stop the worker."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kombu import Connection

TRANSPORT = "ftl_portal.broker:Transport"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def connection(tmp_path):
    folders = {name: tmp_path / name for name in ("out", "processed", "control")}
    for folder in folders.values():
        folder.mkdir()
    options = {
        "data_folder_in": str(folders["out"]),
        "data_folder_out": str(folders["out"]),
        "processed_folder": str(folders["processed"]),
        "control_folder": str(folders["control"]),
    }
    with Connection("filesystem://", transport=TRANSPORT, transport_options=options) as conn:
        yield conn, folders["out"]


def test_without_redis_the_portal_uses_the_safe_transport(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="ftl_portal.settings", FTL_VAR_DIR=str(tmp_path))
    code = (
        "import django; django.setup();"
        "from ftl_portal.celery import app;"
        "conn = app.connection_for_write(); print(type(conn.transport).__module__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "ftl_portal.broker", result.stderr


def test_a_message_arrives_whole_and_no_partial_file_stays(connection):
    conn, folder = connection
    queue = conn.SimpleQueue("whole")
    queue.put({"n": 1})
    assert [name for name in os.listdir(folder) if name.startswith(".partial")] == []
    assert queue.get(timeout=1).payload == {"n": 1}
    queue.close()


def test_an_empty_message_file_is_skipped_instead_of_stopping_the_worker(connection):
    conn, folder = connection
    # kombu remembers declared queues per process, so each test has a queue of its own.
    queue = conn.SimpleQueue("broken")
    # What kombu's own writer leaves when it is killed between creating the file and writing it.
    (folder / "0_broken.broken.msg").write_bytes(b"")
    queue.put({"n": 2})
    assert queue.get(timeout=1).payload == {"n": 2}
    queue.close()
