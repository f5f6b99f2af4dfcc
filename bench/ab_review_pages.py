"""A/B: the review pages' Python and PostgreSQL CPU per request in two checkouts of the portal, on a
database bench_review_queue.py loaded, through the test client (no gunicorn): the change itself, where
bench_review_queue.py's ratios also move with /healthz and with the machine.

    git worktree add --detach /tmp/ftl-before <commit>
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/ab_review_pages.py /tmp/ftl-before . \\
        --database ftl_perf_bench_10k [--before-database NAME] [--alternations 2]

A change that migrates needs the before side's database as it was: --before-database names one, e.g. a
copy of --database (CREATE DATABASE ... TEMPLATE ...) migrated back to the before checkout's schema.

Each checkout runs in a process of its own, alternately; each page's figure is the minimum of 8 batches
of 25 requests (the least disturbed by whatever else the machine runs), as a member of staff with a
session of their own. PostgreSQL's CPU is read from its backend's /proc entry, in 10 ms ticks.

Beside the times, the Python function calls per request (cProfile's count over PER_BATCH requests,
caches warm): the same in every run of the same code and data, so a change to the Python shows there
even when the host moves the times by more than the change.
"""

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

BATCHES, PER_BATCH = 8, 25


def measure(database):
    """In the checkout's own process: print one line per page, python ms and postgres ms."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from accounts.middleware import MFA_CONFIRMED_SESSION_KEY
    from accounts.models import User
    from programmes.admissions.models import Application

    staff = User.objects.filter(email__startswith="staff0@").order_by("pk").first()
    application = Application.objects.filter(partner=staff.partner, state="submitted").order_by("pk").first()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(staff)
    session = client.session
    session[MFA_CONFIRMED_SESSION_KEY] = staff.pk
    session.save()
    pages = [
        "/healthz",
        "/reviews/",
        "/reviews/?status=submitted&level=ug&mine=to_review",
        "/reviews/?q=Franklin",
        f"/reviews/applications/{application.pk}/",
        "/reviews/decisions/",
    ]
    for page in pages:  # warm: caches, connections, templates
        for _ in range(10):
            assert client.get(page).status_code == 200, page
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    best = {page: [float("inf"), float("inf")] for page in pages}
    for _ in range(BATCHES):
        for page in pages:
            python, postgres = time.process_time(), ticks(backend)
            for _ in range(PER_BATCH):
                client.get(page)
            best[page][0] = min(best[page][0], (time.process_time() - python) * 1000 / PER_BATCH)
            best[page][1] = min(
                best[page][1], (ticks(backend) - postgres) * 1000 / os.sysconf("SC_CLK_TCK") / PER_BATCH
            )
    for page, (python, postgres) in best.items():
        print(f"{page}\t{python:.2f}\t{postgres:.2f}\t{calls_per_request(client, page):.0f}")


def calls_per_request(client, page):
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(PER_BATCH):
        client.get(page)
    profile.disable()
    return pstats.Stats(profile).total_calls / PER_BATCH


def ticks(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def run(checkout, database):
    env = {
        **os.environ,
        "PYTHONPATH": str(checkout),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DJANGO_SETTINGS_MODULE": "ftl_portal.settings",
        "DJANGO_DEBUG": "0",
        "FTL_MAILBOX_ENABLED": "0",
        # The static files' manifest that bench_review_queue.py collected in this checkout.
        "FTL_VAR_DIR": str(Path(__file__).resolve().parent.parent / "var"),
    }
    here = str(Path(__file__).parent)
    code = f"import sys; sys.path.insert(0, {here!r}); import ab_review_pages; ab_review_pages.measure({database!r})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=checkout, env=env, capture_output=True, text=True, check=True
    )
    return [line.split("\t") for line in result.stdout.strip().splitlines()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--database", default="ftl_perf_bench_10k")
    # A change that migrates (an index) needs a database of its own for each side.
    parser.add_argument("--before-database", help="the before checkout's database (default: --database)")
    parser.add_argument("--alternations", type=int, default=2)
    args = parser.parse_args()
    print(f"{'page':<52}{'checkout':>9}{'python ms':>11}{'postgres ms':>13}{'calls':>8}")
    for alternation in range(1, args.alternations + 1):
        sides = (("before", args.before, args.before_database or args.database), ("after", args.after, args.database))
        for label, checkout, database in sides:
            for page, python, postgres, calls in run(checkout.resolve(), database):
                print(
                    f"{page[:50]:<52}{label:>9}{python:>11}{postgres:>13}{calls:>8}   (run {alternation})", flush=True
                )
    print(f"\nload average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
