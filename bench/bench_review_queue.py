"""Benchmark: the review queue, an application page, the decision board, the coordinator's
cross-university list and the impact report, in server CPU per request against /healthz, at 1k, 10k
and 100k applications.

For each size it makes a PostgreSQL database of its own from a migrated template (<base>_1k, ...),
COPYs the data in (bench/queue_data.py, plus bench_impact_report's finished cohort of 2,000), and
serves the portal with a gunicorn of its own (4 sync workers), the first size on --port and each next
on the next port, each with a Redis database of its own (REDIS_URL's number, then the next). Each page
is requested at concurrency 10 with a small threaded load generator (wrk is not on these machines).
The pages and the sizes run interleaved, in rounds: each round takes each page at every size in
turn, each page right after /healthz at its size (its reference), so the figures a ratio or a growth
compares are taken seconds apart. Each measurement reads, from /proc, the CPU of that size's gunicorn
workers and of its database's PostgreSQL backends (server CPU), and the machine's non-idle, non-steal
time, before and after. Each page's figure is its median round, and its ratio the median of its
rounds' reference ÷ page. It prints a table stating each target and whether it is met, and exits 1
when one is missed.

    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/bench_review_queue.py \\
        [--sizes 1k,10k,100k] [--port 8765] [--requests 200] [--rounds 5] [--workers 4]

BENCH_DATABASE_URL names the base (default postgres://postgres@127.0.0.1:5432/ftl_bench); the
databases <base>_template and <base>_<size> are recreated. REDIS_URL's databases are flushed: the
queue's cached reads need Redis (without it they are computed on every request).
"""

import argparse
import contextlib
import http.client
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ftl_bench"
CONCURRENCY = 10
TICKS = os.sysconf("SC_CLK_TCK")
GROWTH_LIMIT = 1.2
STOP_SECONDS = 10
FILTERS = {"status": "submitted", "level": "ug", "mine": "to_review"}
# (label, path, who, target): target a minimum of /healthz ÷ page, or ("ms", n) a ceiling in ms.
PAGES = [
    ("trivial view /healthz", "/healthz", "staff", None),
    ("queue, first page", "/reviews/", "staff", 0.35),
    ("queue, filtered", "/reviews/?" + urllib.parse.urlencode(FILTERS), "staff", 0.25),
    ("queue, search", "/reviews/?q=Franklin", "staff", 0.25),
    ("application page", "/reviews/applications/{application}/", "staff", 0.25),
    ("decision board", "/reviews/decisions/", "staff", 0.25),
    ("coordinator's list", "/reviews/", "coordinator", 0.25),
    ("impact report", "/impact/bench-finished/", "coordinator", ("ms", 500.0)),
]


def sizes(text):
    return [(label, int(label.lower().replace("k", "000"))) for label in text.split(",")]


def recreate(url, name, template=None):
    import psycopg

    admin = urllib.parse.urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def with_name(url, name):
    return urllib.parse.urlparse(url)._replace(path=f"/{name}").geturl()


def ticks(pid):
    """utime + stime of a process, in clock ticks (0 if it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def server_pids(master, database):
    """gunicorn (master and workers) and the database's PostgreSQL backends."""
    try:
        workers = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        workers = []
    backends = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if title.startswith(b"postgres: ") and f" {database} ".encode() in title:
                backends.append(entry.name)
    return [str(master), *workers, *backends]


class ServerCPU(threading.Thread):
    """Samples the server's processes every 50 ms while a measurement runs, so a backend that ends
    (connections live 60 s) or a worker that is replaced still counts up to its last sample, instead
    of taking its whole lifetime's CPU out of the total."""

    def __init__(self, master, database):
        super().__init__(daemon=True)
        self.master, self.database, self.done = master, database, threading.Event()
        self.start_ticks = {pid: ticks(pid) for pid in server_pids(master, database)}
        self.last = dict(self.start_ticks)

    def run(self):
        while not self.done.wait(0.05):
            self.sample()

    def sample(self):
        for pid in server_pids(self.master, self.database):
            self.last[pid] = max(self.last.get(pid, 0), ticks(pid))

    def stop(self):
        self.done.set()
        self.join()
        self.sample()
        return sum(value - self.start_ticks.get(pid, 0) for pid, value in self.last.items())


def machine_ticks():
    """The machine's busy time: user, nice, system, irq, softirq (idle, iowait and steal left out)."""
    user, nice, system, _idle, _iowait, irq, softirq, *_ = map(int, Path("/proc/stat").read_text().split()[1:11])
    return user + nice + system + irq + softirq


def get(port, path, cookie):
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status} {response.getheader('Location')}")
    return time.perf_counter() - started


def measure(port, path, cookie, requests, master, database):
    """(server CPU ms per request, machine CPU ms per request, p95 ms) at concurrency 10."""
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        sampler, machine = ServerCPU(master, database), machine_ticks()
        sampler.start()
        latencies = list(pool.map(lambda _: get(port, path, cookie), range(requests)))
        server, machine = sampler.stop(), machine_ticks() - machine
    per_request = 1000 / TICKS / requests
    return server * per_request, machine * per_request, statistics.quantiles(latencies, n=20)[-1] * 1000


def session_cookie(user):
    """A signed-in session (a coordinator's with MFA confirmed, as after the second step)."""
    from django.test import Client

    from accounts.middleware import MFA_CONFIRMED_SESSION_KEY

    client = Client()
    client.force_login(user)
    session = client.session
    session[MFA_CONFIRMED_SESSION_KEY] = user.pk
    session.save()
    return f"sessionid={session.session_key}"


def query_counts(paths_by_who, users):
    """Queries per page, through Django's test client (the second request: caches warm)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = []
    for path, who in paths_by_who:
        client = Client()
        client.cookies["sessionid"] = users[who].split("=", 1)[1]
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200, path
        counts.append(len(captured.captured_queries))
    return counts


def load(size, url, base):
    import bench_impact_report
    import queue_data
    from django.core.cache import cache
    from django.db import connections

    connections.close_all()
    recreate(url, f"{base}_{size[0]}", template=f"{base}_template")
    connections["default"].settings_dict["NAME"] = f"{base}_{size[0]}"
    cache.clear()
    started = time.perf_counter()
    bench_impact_report.build()
    staff, coordinator, application = queue_data.load(size[1])
    print(f"{size[0]}: loaded {size[1]:,} applications in {time.perf_counter() - started:.0f} s", flush=True)
    return staff, coordinator, application


class Size:
    """One size's database, loaded, with its sessions, pages and query counts, and (once started) its
    gunicorn on a port and a Redis database of its own, so no size reads another's cached values."""

    def __init__(self, size, url, base):
        staff, coordinator, application = load(size, url, base)
        self.label, self.database = size[0], f"{base}_{size[0]}"
        self.url = with_name(url, self.database)
        self.cookies = {"staff": session_cookie(staff), "coordinator": session_cookie(coordinator)}
        self.paths = [(path.format(application=application), who) for _label, path, who, _target in PAGES]
        self.queries = query_counts(self.paths, self.cookies)
        self.server, self.rounds = None, []

    def start(self, port, redis_url, workers):
        import redis

        if redis_url:
            redis.Redis.from_url(redis_url).flushdb()
        self.port = port
        env = {**os.environ, "DATABASE_URL": self.url, "DJANGO_DEBUG": "0", "FTL_MAILBOX_ENABLED": "0"}
        env.update({"REDIS_URL": redis_url} if redis_url else {})
        gunicorn = [str(Path(sys.executable).parent / "gunicorn"), "ftl_portal.wsgi", "--workers", str(workers)]
        # A session of its own, so the master and its workers can be killed together.
        self.server = subprocess.Popen(
            [*gunicorn, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                get(port, "/healthz", "")
                break
            except (OSError, RuntimeError):
                time.sleep(0.3)
        for path, who in self.paths:  # every worker warm on every page
            self.measure(path, who, CONCURRENCY * 2)

    def measure(self, path, who, requests):
        return measure(self.port, path, self.cookies[who], requests, self.server.pid, self.database)

    def figures(self):
        """Per page, (server ms, machine ms, p95 ms, /healthz ÷ page, queries), each the median over the
        rounds, the ratio of each round's pair; /healthz first, the median of every reference taken
        (None if no round was measured)."""
        if not self.rounds:
            return None
        references = [reference for pairs in self.rounds for reference, _page in pairs]
        figures = [(*(statistics.median(r[k] for r in references) for k in range(3)), 1.0)]
        for index in range(len(self.rounds[0])):
            pairs = [pairs[index] for pairs in self.rounds]
            figures.append(
                (
                    *(statistics.median(page[k] for _reference, page in pairs) for k in range(3)),
                    statistics.median(reference[0] / page[0] for reference, page in pairs),
                )
            )
        return [(*f, q) for f, q in zip(figures, self.queries, strict=True)]


def redis_url_for(index):
    """REDIS_URL with its database number moved up by index: one Redis database per size."""
    url = os.environ.get("REDIS_URL")
    if not url:
        return None
    return with_name(url, str(int(urllib.parse.urlparse(url).path.lstrip("/") or 0) + index))


def measure_interleaved(served, args):
    """Every size's server runs at once; each round takes each page at every size in turn, so the
    growth from 10k to 100k compares figures taken seconds apart, not minutes, as the host moves.
    Each page is measured right after /healthz at its size, its reference: a ratio compares two
    figures taken a second apart, where one /healthz a round was up to a minute away from a page."""
    healthz_path, healthz_who = PAGES[0][1], PAGES[0][2]
    for _ in range(args.rounds):
        measured = {size.label: [] for size in served}
        for index in range(1, len(PAGES)):
            for size in served:
                path, who = size.paths[index]
                reference = size.measure(healthz_path, healthz_who, args.requests)
                measured[size.label].append((reference, size.measure(path, who, args.requests)))
        for size in served:
            size.rounds.append(measured[size.label])


def stop(server):
    """SIGTERM, then SIGKILL to the whole group after STOP_SECONDS: a worker stuck in graceful
    shutdown on a busy machine once kept the script from printing anything."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        print(f"gunicorn still running {STOP_SECONDS} s after SIGTERM: killed", flush=True)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def verdict(target, ratio, server_ms):
    if target is None:
        return "", True
    if isinstance(target, tuple):
        return f"<= {target[1]:.0f} ms", server_ms <= target[1]
    return f">= {target}", ratio >= target


def report_size(size, figures, args):
    """Print one size's table (as soon as it is measured); whether every target was met."""
    ok = True
    header = f"{'page':<24}{'server ms':>10}{'/healthz÷page':>14}{'p95 ms':>8}{'machine ms':>11}{'queries':>8}"
    print(f"\n{size} applications; concurrency {CONCURRENCY}, {args.requests} requests x {args.rounds} rounds")
    print(f"{header}  target")
    for (label, _path, _who, target), (server_ms, machine_ms, p95, ratio, queries) in zip(PAGES, figures, strict=True):
        wanted, met = verdict(target, ratio, server_ms)
        ok &= met
        print(
            f"{label:<24}{server_ms:>10.2f}{ratio:>14.3f}{p95:>8.0f}{machine_ms:>11.2f}{queries:>8}  "
            f"{wanted}{'' if not wanted else (' met' if met else ' MISSED')}",
            flush=True,
        )
    return ok


def report_growth(results):
    ok = True
    if "10k" in results and "100k" in results:
        # In /healthz units, so a machine busier during one size than the other moves both alike.
        print(f"\nGrowth, cost at 100k ÷ cost at 10k, in /healthz units (raw server CPU); target <= {GROWTH_LIMIT}")
        large, small = results["100k"], results["10k"]
        for index, (label, *_rest) in enumerate(PAGES[1:], start=1):
            growth = small[index][3] / large[index][3]
            met = growth <= GROWTH_LIMIT
            ok &= met
            raw = large[index][0] / small[index][0]
            print(f"{label:<24}{growth:>8.2f} ({raw:.2f})  {'met' if met else 'MISSED'}")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=sizes, default=sizes("1k,10k,100k"))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    base = urllib.parse.urlparse(url).path.lstrip("/")
    template_url = with_name(url, f"{base}_template")
    os.environ.update(DATABASE_URL=template_url, DJANGO_SETTINGS_MODULE="ftl_portal.settings", FTL_MAILBOX_ENABLED="0")
    if not os.environ.get("REDIS_URL"):
        print("REDIS_URL is not set: the queue's cached reads are off (computed on every request).")
    recreate(url, f"{base}_template")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    load_before = os.getloadavg()[0]
    served, ok = [], True
    for label, n in args.sizes:
        try:
            served.append(Size((label, n), url, base))
        except Exception as error:  # noqa: BLE001 - a size that fails to load: measure the others
            print(f"{label}: not loaded: {error!r}", flush=True)
            ok = False
    from django.db import connections

    connections.close_all()
    try:
        for index, size in enumerate(served):
            size.start(args.port + index, redis_url_for(index), args.workers)
        measure_interleaved(served, args)
    except Exception as error:  # noqa: BLE001 - report what was measured
        print(f"measuring stopped: {error!r}", flush=True)
    finally:
        for size in served:
            if size.server is not None:
                stop(size.server)
    results = {}
    for size in served:
        figures = size.figures()
        if figures is None:
            print(f"{size.label}: not measured", flush=True)
            ok = False
            continue
        results[size.label] = figures
        ok &= report_size(size.label, figures, args)
    ok &= report_growth(results)
    print(f"\nload average before {load_before:.2f}, after {os.getloadavg()[0]:.2f}; {args.workers} gunicorn workers")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
