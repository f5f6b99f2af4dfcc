"""SQLite shared by several processes (web, worker pool, beat) waits for the write lock instead of
failing: whether it is the default database or one named by DATABASE_URL (as the integration tests
name theirs to their Celery workers). Run in a subprocess so settings are read from that environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A transaction reads, another process writes and commits, then the transaction writes. Begun
# DEFERRED (SQLite's default) that last write fails at once with "database is locked", whatever the
# busy timeout; begun IMMEDIATE the other writer waits for the commit instead, and both succeed.
PROBE = """
import sqlite3, threading, django
django.setup()
from django.db import connection, transaction
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (n integer)")

def other_process_writes():
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=10)
    other.execute("INSERT INTO probe VALUES (2)")
    other.commit()

with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM probe")
        writer = threading.Thread(target=other_process_writes)
        writer.start()
        writer.join(timeout=0.5)
        cursor.execute("INSERT INTO probe VALUES (1)")
writer.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM probe")
    print(cursor.fetchone()[0])
"""


@pytest.mark.parametrize("named_by_url", [False, True], ids=["default", "DATABASE_URL"])
def test_a_write_after_a_read_waits_for_another_process_rather_than_failing(tmp_path, named_by_url):
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="ftl_portal.settings", FTL_VAR_DIR=str(tmp_path))
    if named_by_url:
        environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'named.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "2"
