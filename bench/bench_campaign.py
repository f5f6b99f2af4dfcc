"""Campaign sending throughput: 10,000 recipients through a real Celery worker and Redis into a
local aiosmtpd sink, against a bare smtplib loop (one connection, pre-built messages) into the
same sink in the same run. Needs DATABASE_URL (PostgreSQL) and REDIS_URL; uses a throwaway test
database. Prints figures; asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ftl_campaigns REDIS_URL=redis://127.0.0.1:6379/8 \
        .venv/bin/python bench/bench_campaign.py
"""

import logging
import os
import smtplib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ftl_portal.settings")
RECIPIENTS = int(os.environ.get("BENCH_RECIPIENTS", "10000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))  # as docker-compose and make run start it


def wait_for(sink, count, timeout, trace=False):
    start = deadline = time.monotonic()
    deadline += timeout
    while time.monotonic() < deadline and len(sink.messages) < count:
        time.sleep(0.02)
        if trace and int((time.monotonic() - start) * 50) % 100 == 0:
            print(f"  {time.monotonic() - start:5.1f} s: {len(sink.messages)}")
    return len(sink.messages)


def cpu_seconds(pid):
    """User + system CPU seconds of the worker's main process and of its prefork pool, from /proc:
    the worker's own cost per message, which the load of other processes barely moves."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    pool = {child for child, (parent, _) in stats.items() if parent == pid}
    seconds = os.sysconf("SC_CLK_TCK")
    return stats[pid][1] / seconds, sum(stats[child][1] for child in pool) / seconds


def machine_ticks():
    """(all, stolen, busy) CPU ticks of the machine, from /proc/stat: a VM's vCPUs can be taken by the
    host (stolen), and busy time (not idle, not waiting for I/O, not stolen) is every process's work,
    the sink's and PostgreSQL's included."""
    user, nice, system, idle, iowait, irq, softirq, steal = (
        int(field) for field in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    return user + nice + system + idle + iowait + irq + softirq + steal, steal, user + nice + system + irq + softirq


def busy_ms_per_message(ticks_before, messages):
    return (machine_ticks()[2] - ticks_before[2]) / os.sysconf("SC_CLK_TCK") * 1000 / max(messages, 1)


def sample_message():
    """One message exactly as the portal builds it, for the bare loop to re-send."""
    from ftl_portal.outbox.models import OutboxMessage
    from ftl_portal.outbox.services import build_email
    from programmes.recruitment.emails import Layout, sample_recipient
    from programmes.recruitment.models import Campaign

    campaign = Campaign.objects.get()
    row = Layout(campaign).outbox_row(sample_recipient(campaign, email="sample@example.org", first_name="Sam"))
    unsaved = OutboxMessage(
        to=row["to"],
        subject=row["subject"],
        body_text=row["body"],
        body_html=row["html"],
        headers=row["headers"],
        from_email="ftl@medilinkmidlands.test",
    )
    return build_email(unsaved).message()


def bare_loop(sink, sample):
    """The floor: one SMTP connection, the portal's own message bytes re-sent, nothing else.
    Returns its seconds and the machine's busy CPU per message."""
    raw = sample.as_bytes(linesep="\r\n")  # as Django's SMTP backend sends it
    sink.messages.clear()
    start, ticks = time.perf_counter(), machine_ticks()
    with smtplib.SMTP("127.0.0.1", sink.port) as smtp:
        for i in range(RECIPIENTS):
            smtp.sendmail("ftl@medilinkmidlands.test", [f"bare{i}@example.org"], raw)
    wait_for(sink, RECIPIENTS, 60)
    return time.perf_counter() - start, busy_ms_per_message(ticks, RECIPIENTS)


def main():
    import django

    django.setup()
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from django.utils import timezone

    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        print("skipped: set DATABASE_URL (PostgreSQL) and REDIS_URL, the benchmark measures the real stack")
        return
    from ftl_portal.celery import app as celery_app
    from tests.integration.conftest import CeleryProcesses
    from tests.smtp_sink import SmtpSink

    old = setup_databases(verbosity=0, interactive=False)
    sink = SmtpSink()
    sink.start()
    processes = CeleryProcesses(sink.port, {"FTL_CAMPAIGN_TICK_SECONDS": "1"})
    try:
        from programmes.cohorts.models import Cohort
        from programmes.recruitment.models import Campaign, Prospect, ProspectSource
        from programmes.recruitment.services import campaigns as services

        now = timezone.now()
        cohort = Cohort.objects.create(
            name="Bench cohort",
            slug="bench",
            applications_open_at=now,
            applications_close_at=now + timezone.timedelta(days=30),
            programme_starts_on=now.date(),
            programme_ends_on=now.date(),
        )
        Prospect.objects.bulk_create(
            [
                Prospect(email=f"p{i}@example.org", first_name=f"P{i}", source=ProspectSource.FORM, confirmed_at=now)
                for i in range(RECIPIENTS)
            ],
            batch_size=2000,
        )
        campaign = Campaign.objects.create(
            name="Bench",
            cohort=cohort,
            subject="Applications open for {{ cohort }}",
            body_text="Hello {{ first_name }},\n\nApply by {{ deadline }}: {{ apply_link }}\n",
            rate_per_minute=10_000_000,
        )
        celery_app.conf.task_always_eager = False
        celery_app.control.purge()
        processes.beat()
        worker = processes.worker(concurrency=CONCURRENCY)
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(timeout=0.5) and time.monotonic() < deadline:
            pass

        # The bare loop runs before and after the portal and the mean is the reference, so load
        # from other processes on the machine affects both sides alike.
        sample = sample_message()
        bare_before, bare_busy_before = bare_loop(sink, sample)
        sink.messages.clear()

        start, worker_cpu, ticks = time.perf_counter(), cpu_seconds(worker.pid), machine_ticks()
        services.start_campaign(campaign=campaign)
        sink_cpu = time.process_time()  # from here this process runs the sink; its wait loop idles
        received = wait_for(sink, RECIPIENTS, 300, trace=bool(os.environ.get("BENCH_TRACE")))
        portal_seconds = time.perf_counter() - start
        main_cpu, pool_cpu = (after - before for after, before in zip(cpu_seconds(worker.pid), worker_cpu, strict=True))
        sink_cpu = time.process_time() - sink_cpu
        portal_busy = busy_ms_per_message(ticks, received)
        total_ticks, stolen_ticks, _ = (now - then for now, then in zip(machine_ticks(), ticks, strict=True))
        bare_after, bare_busy_after = bare_loop(sink, sample)
        bare_seconds, bare_busy = (bare_before + bare_after) / 2, (bare_busy_before + bare_busy_after) / 2

        portal_rate, bare_rate = received / portal_seconds, RECIPIENTS / bare_seconds
        print(f"recipients            {RECIPIENTS} (worker concurrency {CONCURRENCY}, {os.cpu_count()} cores)")
        print(f"portal (worker+Redis) {received} messages in {portal_seconds:.1f} s = {portal_rate:.0f} msg/s")
        print(f"bare smtplib loop     {RECIPIENTS} messages in {bare_seconds:.1f} s = {bare_rate:.0f} msg/s")
        print(f"ratio portal/bare     {portal_rate / bare_rate:.2f}x")
        print(f"worker CPU: pool      {pool_cpu:.1f} s = {pool_cpu / received * 1000:.2f} ms per message")
        print(f"worker CPU: main      {main_cpu:.1f} s = {main_cpu / received * 1000:.2f} ms per message")
        print(f"sink CPU              {sink_cpu:.1f} s = {sink_cpu / received * 1000:.2f} ms per message")
        print(f"machine CPU per msg   portal {portal_busy:.2f} ms, bare loop {bare_busy:.2f} ms (every process)")
        print(f"stolen by the host    {stolen_ticks / max(total_ticks, 1):.0%} of the CPU time while the portal ran")
        print(f"load average          {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    finally:
        processes.stop_all()
        celery_app.control.purge()
        sink.stop()
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
