"""The reminder scan over 2,000 sessions and 100,000 bookings: seconds per scan and queries.

Builds a throwaway test database (PostgreSQL when DATABASE_URL is set, else SQLite under var/),
fills it in two steps (20,000 then 100,000 bookings) and measures, at each size:
  - a steady-state scan (every earlier reminder already sent, nothing new due): what beat runs
    almost every minute;
  - a scan with one session's 50 seven-day reminders due (each queued through the outbox).
Run: .venv/bin/python bench/bench_reminders.py
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ftl_portal.settings")
os.environ.setdefault(
    "FTL_TEST_DB_NAME", "ftl_bench_reminders" if os.environ.get("DATABASE_URL") else str(ROOT / "var/bench.sqlite3")
)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

SESSIONS, PER_SESSION, STUDENTS, DAYS = 2000, 50, 2000, 60
OFFSETS = [7 * 24 * 60, 24 * 60, 60]


def build(now, *, per_session, first_student=0):
    from accounts.models import User
    from programmes.cohorts.models import Cohort
    from programmes.events.models import Booking, Session

    cohort = Cohort.objects.get()
    sessions = list(Session.objects.filter(cohort=cohort).order_by("pk").values_list("pk", flat=True))
    if not sessions:
        step = timedelta(days=DAYS) / SESSIONS
        Session.objects.bulk_create(
            Session(
                cohort=cohort,
                kind="expert_talk",
                title=f"Session {n}",
                starts_at=now + timedelta(minutes=30) + n * step,
                ends_at=now + timedelta(minutes=90) + n * step,
                venue="BioCity",
                capacity=PER_SESSION,
            )
            for n in range(SESSIONS)
        )
        sessions = list(Session.objects.filter(cohort=cohort).order_by("pk").values_list("pk", flat=True))
    students = list(User.objects.filter(role="student").order_by("pk").values_list("pk", flat=True))
    seated = now - timedelta(days=30)
    batch = []
    for index, session_id in enumerate(sessions):
        for k in range(first_student, per_session):
            batch.append(
                Booking(
                    session_id=session_id,
                    participant_id=students[(index * 7 + k) % STUDENTS],
                    status="booked",
                    seated_at=seated,
                )
            )
        if len(batch) >= 5000:
            Booking.objects.bulk_create(batch)
            batch = []
    Booking.objects.bulk_create(batch)
    Session.objects.update(seats_taken=per_session)
    # The steady state: every reminder whose time has passed was sent by earlier scans.
    Booking.objects.update(last_reminder_offset=None)
    for offset in OFFSETS:
        Booking.objects.filter(session__starts_at__lte=now + timedelta(minutes=offset)).update(
            last_reminder_offset=offset
        )


def measure(now, label):
    from ftl_portal.outbox.models import OutboxMessage
    from programmes.events.models import Booking, Session
    from programmes.events.services.reminders import scan_reminders

    steady = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            assert scan_reminders(now=now) == 0
            steady.append(time.perf_counter() - started)
    steady_queries = len(queries)

    # One session three days ahead has not had its 7-day reminders yet: 50 are due.
    target = Session.objects.filter(starts_at__gt=now + timedelta(days=3)).order_by("starts_at").first()
    expected = Booking.objects.filter(session=target).count()
    due_times, due_queries = [], 0
    for _ in range(3):
        Booking.objects.filter(session=target).update(last_reminder_offset=None)
        OutboxMessage.objects.filter(key__startswith="reminder:").delete()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            queued = scan_reminders(now=now)
            due_times.append(time.perf_counter() - started)
        due_queries = len(queries)
        assert queued == expected, queued
    print(
        f"{label:>16}: steady scan {statistics.median(steady) * 1000:.1f} ms, {steady_queries} queries | "
        f"scan queuing {expected} reminders {statistics.median(due_times) * 1000:.1f} ms, {due_queries} queries"
    )


def main():
    from accounts.models import User
    from ftl_portal.outbox import services as outbox
    from programmes.events.models import Booking

    # Delivery is the worker's job, not the scan's: hand-over to the broker is left out.
    outbox._dispatch = lambda message_id: None
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from tests.factories import CohortFactory

        print(f"database: {connection.vendor}; {SESSIONS} sessions over {DAYS} days, offsets {OFFSETS} minutes")
        CohortFactory()
        User.objects.bulk_create(
            User(email=f"student{n}@bench.test", role="student", password="!") for n in range(STUDENTS)
        )
        now = timezone.now()
        started = time.perf_counter()
        build(now, per_session=10)
        print(f"built {Booking.objects.count():,} bookings in {time.perf_counter() - started:.1f} s")
        measure(now, f"{Booking.objects.count():,} bookings")
        started = time.perf_counter()
        build(now, per_session=PER_SESSION, first_student=10)
        print(f"built {Booking.objects.count():,} bookings in {time.perf_counter() - started:.1f} s")
        assert Booking.objects.count() == SESSIONS * PER_SESSION
        measure(now, f"{Booking.objects.count():,} bookings")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
