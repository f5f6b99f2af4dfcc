"""Benchmark: the staff review queue and an application page under load, against a trivial view.

Loads 10,000 applications (two universities) with 30,000 reviews into a PostgreSQL database of
its own (default ftl_bench, recreated each run), measures each page's CPU per request in-process
(Django's test client) and PostgreSQL's time for its queries, serves the portal with gunicorn (4
sync workers unless --workers), signs a member of staff in through the real login form, and
measures at concurrency 10: requests/s (and the ratio to /healthz measured in the same run) and
p95 latency. Prints the EXPLAIN of the filtered queue's queries and fails if they scan
programmes_application or programmes_review sequentially.

    .venv/bin/python bench/bench_review_queue.py [--requests 400] [--rounds 3] [--workers 4]

Needs PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ftl_bench).
"""

import argparse
import http.client
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ftl_bench"
PASSWORD = "bench-password-2026"
APPLICATIONS = 10_000
REVIEWS_PER_APPLICATION = 3
REVIEWERS_PER_UNIVERSITY = 6
CONCURRENCY = 10
TARGET_RATIO, TARGET_P95_MS = 0.35, 100.0


def recreate_database(url):
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def load_data():
    """Bulk-load the data set; returns (staff email, an application id of theirs)."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Role, User
    from programmes.admissions.models import Application, Review
    from programmes.admissions.rubrics import rubric_of, weighted_score
    from programmes.cohorts.models import Cohort, CohortPartner, LevelOfStudy, Partner, Pathway

    rng = random.Random(2026)
    now = timezone.now()
    cohort = Cohort.objects.create(
        name="Bench cohort",
        slug="bench",
        status="open",
        applications_open_at=now - timedelta(days=60),
        applications_close_at=now + timedelta(days=5),
        programme_starts_on=(now + timedelta(days=30)).date(),
        programme_ends_on=(now + timedelta(days=120)).date(),
    )
    partners = [
        Partner.objects.create(name="Bench University A", slug="bench-a", email_domains=["a.test"]),
        Partner.objects.create(name="Bench University B", slug="bench-b", email_domains=["b.test"]),
    ]
    for partner in partners:
        CohortPartner.objects.create(cohort=cohort, partner=partner, quota=500)
    pathways = [Pathway.objects.create(name=f"Pathway {n}", slug=f"pathway-{n}") for n in range(6)]

    staff_password = make_password(PASSWORD)
    reviewers = {
        partner.pk: User.objects.bulk_create(
            [
                User(
                    email=f"staff{n}@{partner.slug}.test",
                    full_name=f"Reviewer {n} {partner.short_name or partner.slug}",
                    role=Role.STAFF,
                    partner=partner,
                    is_demo=True,
                    password=staff_password,
                )
                for n in range(REVIEWERS_PER_UNIVERSITY)
            ]
        )
        for partner in partners
    }
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for group in reviewers.values()
            for u in group
        ]
    )
    first_names = ["Ada", "Grace", "Alan", "Rosalind", "Katherine", "Mary", "Tim", "Dorothy", "Francis", "Jocelyn"]
    last_names = ["Lovelace", "Hopper", "Turing", "Franklin", "Johnson", "Seacole", "Berners-Lee", "Hodgkin", "Crick"]
    students = User.objects.bulk_create(
        [
            User(
                email=f"student{n}@bench.test",
                full_name=f"{rng.choice(first_names)} {rng.choice(last_names)} {n}",
                role=Role.STUDENT,
                password="!",
            )
            for n in range(APPLICATIONS)
        ],
        batch_size=2000,
    )
    states = ["submitted"] * 70 + ["waitlisted"] * 10 + ["offered"] * 5 + ["confirmed"] * 3
    states += ["rejected"] * 10 + ["withdrawn"] * 2
    courses = ["Biomedical Engineering", "Chemistry", "Computer Science", "Nursing", "Physics", "Pharmacology"]
    levels = [c for c, _ in LevelOfStudy.choices]
    applications = Application.objects.bulk_create(
        [
            Application(
                cohort=cohort,
                student=student,
                partner=partners[n % 2],
                state=rng.choice(states),
                course=rng.choice(courses),
                level_of_study=rng.choice(levels),
                year_of_study=rng.randint(1, 4),
                motivation="I want to work on medical devices. " * 20,
                career_goals="Regulatory affairs and clinical evaluation. " * 10,
                availability="Tuesdays and Thursdays.",
                submitted_at=now - timedelta(minutes=rng.randint(1, 60 * 24 * 50)),
                consent_given_at=now,
            )
            for n, student in enumerate(students)
        ],
        batch_size=2000,
    )
    Through = Application.pathways.through
    Through.objects.bulk_create(
        [
            Through(application_id=a.pk, pathway_id=p.pk)
            for a in applications
            for p in rng.sample(pathways, rng.randint(1, 2))
        ],
        batch_size=5000,
    )
    rubric = rubric_of(cohort)
    reviews = []
    for application in applications:
        for reviewer in rng.sample(reviewers[application.partner_id], REVIEWS_PER_APPLICATION):
            scores = {c["key"]: rng.randint(1, 5) for c in rubric}
            reviews.append(
                Review(
                    application=application,
                    reviewer=reviewer,
                    scores=scores,
                    weighted_score=weighted_score(rubric=rubric, scores=scores),
                    recommendation=rng.choice(["offer", "waitlist", "reject"]),
                    comment="Solid application.",
                )
            )
    Review.objects.bulk_create(reviews, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    staff = reviewers[partners[0].pk][0]
    return staff, next(a.pk for a in applications if a.partner_id == partners[0].pk)


FILTERS = {"status": "submitted", "level": "ug", "mine": "to_review"}


def explain_filtered_queue(staff):
    """EXPLAIN each query the filtered queue runs: counts, page count, page ids, rows, figures."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from programmes.admissions.selectors.reviews import QueueFilters, queue_counts, queue_page

    with CaptureQueriesContext(connection) as captured:
        queue_counts(user=staff)
        queue_page(user=staff, filters=QueueFilters(**FILTERS), number=1, per_page=25)
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            if "programmes_" not in query["sql"]:
                continue
            cursor.execute("EXPLAIN " + query["sql"])
            plans.append((query["sql"][:120], "\n".join(row[0] for row in cursor.fetchall())))
    return plans


def sign_in(base, email):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD}).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/"})
    opener.open(request).read()
    session = next(c.value for c in jar if c.name == "sessionid")
    return f"sessionid={session}"


def measure(port, path, cookie, requests):
    """(requests/s, p95 ms) at concurrency 10, and the median ms of requests made one at a time."""

    def one(_):
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        response.read()
        conn.close()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status} {response.getheader('Location')}")
        return time.perf_counter() - started

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(one, range(CONCURRENCY * 2)))  # warm up every worker
        started = time.perf_counter()
        latencies = list(pool.map(one, range(requests)))
        elapsed = time.perf_counter() - started
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    alone = statistics.median(one(n) for n in range(20)) * 1000
    return requests / elapsed, p95, alone


def cpu_per_request(paths, staff, requests=50):
    """Per page: CPU ms of this process per request, through Django's test client one request at a
    time (the portal's own cost: middleware, queries built and read, rendering), which the machine's
    other load moves far less than requests/s; and PostgreSQL's own ms for the same request's
    queries (planning + execution, each query's best of 10 EXPLAIN ANALYZE runs)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(staff)
    figures = []
    for _label, path in paths:
        for _ in range(5):
            client.get(path)
        started = time.process_time()
        for _ in range(requests):
            client.get(path)
        cpu = (time.process_time() - started) / requests * 1000
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        selects = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT")]
        figures.append((cpu, sum(database_ms(sql) for sql in selects)))
    return figures


def database_ms(sql, runs=10):
    from django.db import connection

    best = float("inf")
    with connection.cursor() as cursor:
        for _ in range(runs):
            cursor.execute("EXPLAIN (ANALYZE, TIMING OFF) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            times = re.findall(r"(?:Planning|Execution) Time: ([\d.]+) ms", plan)
            best = min(best, sum(float(t) for t in times))
    return best


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (the trivial view gets the same)")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "FTL_MAILBOX_ENABLED": "0",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="ftl_portal.settings")
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))

    load_before = f"{os.getloadavg()[0]:.2f}"
    print(f"Recreating {urllib.parse.urlparse(url).path.lstrip('/')} and migrating ...", flush=True)
    recreate_database(url)
    manage("migrate", "--noinput", env=env)
    import django

    django.setup()
    started = time.perf_counter()
    staff, application_id = load_data()
    print(
        f"Loaded {APPLICATIONS} applications and {APPLICATIONS * REVIEWS_PER_APPLICATION} reviews "
        f"in {time.perf_counter() - started:.1f}s"
    )

    plans = explain_filtered_queue(staff)
    for sql, plan in plans:
        print(f"\nEXPLAIN {sql} ...\n{plan}")
    seq_scans = [
        line.strip()
        for _sql, plan in plans
        for line in plan.splitlines()
        if "Seq Scan" in line and ("programmes_application" in line or "programmes_review" in line)
    ]

    query = urllib.parse.urlencode(FILTERS)
    paths = [
        ("trivial view /healthz", "/healthz"),
        ("queue, first page", "/reviews/"),
        ("queue, filtered", f"/reviews/?{query}"),
        ("queue, search", "/reviews/?q=Franklin"),
        ("application page", f"/reviews/applications/{application_id}/"),
    ]
    cpu = cpu_per_request(paths, staff)

    from django.db import connections

    connections.close_all()
    port = free_port()
    manage("collectstatic", "--noinput", env=env)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "ftl_portal.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(port)
        cookie = sign_in(f"http://127.0.0.1:{port}", staff.email)
        pages = [(label, path, cookie) for label, path in paths]
        # Rounds interleave the pages, so load from elsewhere on the machine falls on all of them
        # alike; each page's figures are its median round.
        rounds = [[measure(port, path, c, args.requests) for _label, path, c in pages] for _ in range(args.rounds)]
        results = []
        for index, (label, path, _cookie) in enumerate(pages):
            rps, p95, alone = (statistics.median(r[index][k] for r in rounds) for k in range(3))
            results.append((label, path, rps, p95, alone))
    finally:
        server.terminate()
        server.wait(timeout=10)

    baseline = results[0][2]
    print(
        f"\n{'page':<24}{'req/s':>8}{'ratio':>8}{'p95 ms':>9}{'alone ms':>10}{'cpu ms':>8}{'db ms':>7}  "
        f"target: ratio >= {TARGET_RATIO}, "
        f"p95 <= {TARGET_P95_MS:.0f} ms; concurrency {CONCURRENCY}, {args.requests} requests x {args.rounds} rounds, "
        f"{args.workers} gunicorn workers; load average before {load_before}, after {os.getloadavg()[0]:.2f}"
    )
    ok = not seq_scans
    for (label, _path, rps, p95, alone), (cpu_ms, db_ms) in zip(results, cpu, strict=True):
        ratio = rps / baseline
        meets = label.startswith("trivial") or (ratio >= TARGET_RATIO and p95 <= TARGET_P95_MS)
        ok &= meets
        print(
            f"{label:<24}{rps:>8.1f}{ratio:>8.2f}{p95:>9.1f}{alone:>10.1f}{cpu_ms:>8.1f}{db_ms:>7.1f}  "
            f"{'' if meets else 'MISSES TARGET'}"
        )
    print(f"\nSequential scans on the filtered queue: {seq_scans or 'none'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
