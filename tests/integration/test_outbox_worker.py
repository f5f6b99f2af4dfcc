"""A real `celery worker` on the configured broker delivers the outbox to a real SMTP server:
200 emails each exactly once, and, with the worker SIGKILLed halfway and started again, every email
at least once with at most one duplicate per message the worker had in flight."""

from collections import Counter

import pytest

from ftl_portal.outbox import services
from ftl_portal.outbox.models import MessageStatus, OutboxMessage

from .conftest import SAFETY_TIMEOUT, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

EMAILS = 200
CONCURRENCY = 2


def queue_emails(count):
    recipients = [f"person{n:03d}@example.org" for n in range(count)]
    for n, recipient in enumerate(recipients):
        services.queue_email(key=f"load:{n}", to=recipient, subject=f"Message {n}", body=f"Hello {recipient}")
    return recipients


def received_counts(sink):
    return Counter(message["to"][0] for message in sink.snapshot())


def wait_until_all_sent(count, timeout):
    return wait_until(lambda: OutboxMessage.objects.filter(status=MessageStatus.SENT).count() == count, timeout)


def test_a_real_worker_delivers_200_emails_each_exactly_once(celery_processes, smtp_sink):
    celery_processes.worker(concurrency=CONCURRENCY)
    recipients = queue_emails(EMAILS)
    assert wait_until_all_sent(EMAILS, timeout=SAFETY_TIMEOUT), dict(
        Counter(OutboxMessage.objects.values_list("status", flat=True))
    )
    counts = received_counts(smtp_sink)
    assert sorted(counts) == recipients
    assert set(counts.values()) == {1}
    # The Message-ID is the one fixed by the key, so each email can be traced to its row.
    assert {m["message"]["Message-ID"] for m in smtp_sink.snapshot()} == {
        services.message_id_header(m) for m in OutboxMessage.objects.all()
    }


def test_a_worker_killed_halfway_loses_nothing_and_duplicates_at_most_its_in_flight_messages(
    celery_processes, smtp_sink
):
    # The sink holds each accepted message 30 ms before its 250, so the kill most likely lands
    # while the worker's sends are in flight: the worst moment for duplicates.
    smtp_sink.reply_delay = 0.03
    worker = celery_processes.worker(concurrency=CONCURRENCY)
    recipients = queue_emails(EMAILS)
    smtp_sink.wait_for(EMAILS // 2, timeout=SAFETY_TIMEOUT)
    celery_processes.kill(worker)  # SIGKILL to the process group: the pool children die too
    at_kill = len(smtp_sink.snapshot())
    orphaned = OutboxMessage.objects.filter(status=MessageStatus.SENDING).count()
    assert 0 < at_kill < EMAILS, "the kill must land mid-run"

    # What the beat sweeper does once a row has been stuck past its threshold; no worker is alive,
    # so every row in `sending` is an orphan and the threshold can be zero here.
    services.sweep(stuck_after=0)
    celery_processes.worker(concurrency=CONCURRENCY)
    assert wait_until_all_sent(EMAILS, timeout=SAFETY_TIMEOUT), dict(
        Counter(OutboxMessage.objects.values_list("status", flat=True))
    )

    counts = received_counts(smtp_sink)
    duplicates = sum(n - 1 for n in counts.values())
    print(  # noqa: T201 - the figure the README reports
        f"\nworker-kill: {at_kill} delivered before SIGKILL, {orphaned} rows orphaned in sending, "
        f"{duplicates} duplicate(s) after restart"
    )
    assert sorted(counts) == recipients, "every recipient got the email"
    assert duplicates <= CONCURRENCY
    assert max(counts.values()) <= 2
