import time

import pytest

from ftl_portal.outbox import services
from ftl_portal.outbox.models import OutboxMessage

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_delivers_a_queued_email_to_the_smtp_sink(celery_processes, smtp_sink):
    celery_processes.worker(concurrency=1)
    services.queue_email(key="smoke:1", to="someone@example.org", subject="Hello", body="Body text")
    received = smtp_sink.wait_for(1, timeout=60)
    assert [m["to"] for m in received] == [["someone@example.org"]]
    assert received[0]["message"]["Subject"] == "Hello"
    for _ in range(50):  # the sent mark commits just after the SMTP transaction
        if OutboxMessage.objects.get(key="smoke:1").status == "sent":
            break
        time.sleep(0.1)
    assert OutboxMessage.objects.get(key="smoke:1").status == "sent"
