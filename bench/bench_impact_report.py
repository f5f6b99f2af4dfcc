"""The impact report over a finished cohort of 2,000 participants, 50 sessions and 20,000 bookings:
CPU per report against a trivial view (/healthz) measured in the same run.

Builds a throwaway test database (PostgreSQL when DATABASE_URL is set, else SQLite under var/) with
bulk_create: 2,000 confirmed participants at two universities, 50 past sessions, 20,000 bookings
(attended or no-show), feedback, start and end self-assessments, mentor matches with meetings and
goals, certificates and follow-up answers. Then, through Django's test client one request at a time,
the CPU of this process per request (time.process_time) plus, on PostgreSQL, the CPU of its server
backend (utime + stime from /proc/<pid>/stat, when the server runs on this machine), for the whole
cohort's report, one university's, its CSV, and /healthz.
Run: .venv/bin/python bench/bench_impact_report.py [--requests 20]
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ftl_portal.settings")
os.environ.setdefault(
    "FTL_TEST_DB_NAME", "ftl_bench_impact" if os.environ.get("DATABASE_URL") else str(ROOT / "var/bench_impact.sqlite3")
)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

PARTICIPANTS, SESSIONS, BOOKINGS_PER_PARTICIPANT, MENTORS = 2000, 50, 10, 200
TARGET_CPU_S = 0.5
TICKS = os.sysconf("SC_CLK_TCK")


def build():
    from accounts.models import Role, User
    from mentoring.models import Goal, Match, Meeting
    from programmes.admissions.models import Application
    from programmes.cohorts.models import Cohort, CohortPartner, Partner, Pathway
    from programmes.completion.models import Certificate, SelfAssessment
    from programmes.events.models import Booking, Feedback, Session
    from programmes.impact.models import Destination, FollowUpSurvey, Region

    rng = random.Random(2026)
    now = timezone.now()
    cohort = Cohort.objects.create(
        name="Bench finished cohort",
        slug="bench-finished",
        status="closed",
        applications_open_at=now - timedelta(days=400),
        applications_close_at=now - timedelta(days=350),
        programme_starts_on=date(2025, 9, 1),
        programme_ends_on=date(2026, 3, 31),
    )
    partners = [Partner.objects.create(name=f"Bench University {c}", slug=f"bench-{c}") for c in "ab"]
    for partner in partners:
        CohortPartner.objects.create(cohort=cohort, partner=partner, quota=PARTICIPANTS)
    pathways = [Pathway.objects.create(name=f"Pathway {n}", slug=f"pathway-{n}") for n in range(4)]
    students = User.objects.bulk_create(
        [User(email=f"p{n}@bench.test", role=Role.STUDENT, password="!") for n in range(PARTICIPANTS)],
        batch_size=2000,
    )
    mentors = User.objects.bulk_create(
        [User(email=f"m{n}@bench.test", role=Role.MENTOR, password="!") for n in range(MENTORS)]
    )
    Application.objects.bulk_create(
        [
            Application(cohort=cohort, student=s, partner=partners[n % 2], state="confirmed", submitted_at=now)
            for n, s in enumerate(students)
        ],
        batch_size=2000,
    )
    sessions = Session.objects.bulk_create(
        [
            Session(
                cohort=cohort,
                kind="expert_talk",
                title=f"Session {n}",
                starts_at=now - timedelta(days=300 - 4 * n),
                ends_at=now - timedelta(days=300 - 4 * n, hours=-2),
                capacity=PARTICIPANTS,
            )
            for n in range(SESSIONS)
        ]
    )
    bookings, feedback = [], []
    for student in students:
        for session in rng.sample(sessions, BOOKINGS_PER_PARTICIPANT):
            attended = rng.random() < 0.85
            bookings.append(Booking(session=session, participant=student, status="attended" if attended else "no_show"))
            if attended and rng.random() < 0.4:
                feedback.append(Feedback(session=session, participant=student, rating=rng.randint(2, 5)))
    Booking.objects.bulk_create(bookings, batch_size=5000)
    Feedback.objects.bulk_create(feedback, batch_size=5000)
    items = ["connections", "next_step", *(f"pathway:{p.slug}" for p in pathways)]
    assessments = []
    for student in students:
        start = {key: rng.randint(1, 4) for key in items}
        assessments.append(SelfAssessment(participant=student, cohort=cohort, stage="start", answers=start))
        if rng.random() < 0.8:
            end = {key: min(5, value + rng.randint(0, 2)) for key, value in start.items()}
            assessments.append(SelfAssessment(participant=student, cohort=cohort, stage="end", answers=end))
    SelfAssessment.objects.bulk_create(assessments, batch_size=2000)
    matches = Match.objects.bulk_create(
        [Match(cohort=cohort, student=s, mentor=mentors[n % MENTORS]) for n, s in enumerate(students)],
        batch_size=2000,
    )
    Meeting.objects.bulk_create(
        [
            Meeting(match=m, met_on=date(2025, 11, 1 + k), topic="CV", duration_minutes=rng.choice([30, 45, 60]))
            for m in matches
            for k in range(3)
        ],
        batch_size=5000,
    )
    Goal.objects.bulk_create(
        [Goal(match=m, text="A CV", met_at=now if rng.random() < 0.6 else None) for m in matches], batch_size=5000
    )
    certified = [s for s in students if rng.random() < 0.75]
    Certificate.objects.bulk_create([Certificate(participant=s, cohort=cohort) for s in certified], batch_size=2000)
    FollowUpSurvey.objects.bulk_create(
        [
            FollowUpSurvey(
                participant=s,
                cohort=cohort,
                months=6,
                sent_at=now,
                answered_at=now if answered else None,
                destination=rng.choice(Destination.values) if answered else "",
                region=rng.choice(Region.values) if answered else "",
            )
            for s in certified
            for answered in [rng.random() < 0.5]
        ],
        batch_size=2000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return cohort, partners[0]


def backend_cpu_seconds():
    """CPU of the PostgreSQL backend serving this connection, or 0 if it is not readable here."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def cpu_per_request(client, path, requests):
    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.get("Location"))
    process, backend = time.process_time(), backend_cpu_seconds()
    for _ in range(requests):
        client.get(path)
    process = (time.process_time() - process) / requests
    backend = (backend_cpu_seconds() - backend) / requests
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return process, backend, len(queries)


def main():
    from django.test import Client

    from accounts.models import Role, User

    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        cohort, partner = build()
        print(
            f"database: {connection.vendor}; built {PARTICIPANTS:,} participants, {SESSIONS} sessions, "
            f"{PARTICIPANTS * BOOKINGS_PER_PARTICIPANT:,} bookings in {time.perf_counter() - started:.1f} s"
        )
        client = Client()
        client.force_login(User.objects.create(email="coordinator@bench.test", role=Role.COORDINATOR, is_demo=True))
        paths = [
            ("trivial view /healthz", "/healthz"),
            ("report, all universities", f"/impact/{cohort.slug}/"),
            ("report, one university", f"/impact/{cohort.slug}/?university={partner.slug}"),
            ("CSV, all universities", f"/impact/{cohort.slug}/report.csv"),
        ]
        figures = [(label, *cpu_per_request(client, path, args.requests)) for label, path in paths]
        base = figures[0][1] + figures[0][2]
        print(f"\n{'request':<28}{'cpu ms':>8}{'db cpu ms':>11}{'total ms':>10}{'ratio':>8}{'queries':>9}")
        for label, process, backend, queries in figures:
            total = process + backend
            print(
                f"{label:<28}{process * 1000:>8.1f}{backend * 1000:>11.1f}{total * 1000:>10.1f}"
                f"{total / base:>8.0f}{queries:>9}"
            )
        worst = max(process + backend for _, process, backend, _ in figures[1:])
        verdict = "met" if worst <= TARGET_CPU_S else "NOT met"
        print(f"\ntarget: at most {TARGET_CPU_S} s CPU per report; worst {worst:.3f} s: {verdict}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
