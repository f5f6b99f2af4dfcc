from datetime import timedelta

import pytest
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from tests.factories_sessions import BookingFactory, OnlineSessionFactory

from .conftest import SAFETY_TIMEOUT, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_beat_and_a_real_worker_deliver_a_due_reminder_once(celery_processes, smtp_sink):
    session = OnlineSessionFactory(title="Imaging careers", starts_at=timezone.now() + timedelta(minutes=30))
    booking = BookingFactory(session=session)
    celery_processes.env["FTL_REMINDER_SCAN_SECS"] = "2"
    worker = celery_processes.worker(concurrency=1, loglevel="INFO")
    celery_processes.beat()

    (received,) = smtp_sink.wait_for(1, timeout=SAFETY_TIMEOUT)
    assert received["to"] == [booking.participant.email]
    assert received["message"]["Subject"].startswith("Reminder: Imaging careers")
    (text,) = [part for part in received["message"].walk() if part.get_content_type() == "text/plain"]
    body = text.get_payload(decode=True).decode()
    assert f"Join online: {session.join_url}" in body

    # Three more scans finish on the worker after the email arrived: still one email.
    def scans():
        return celery_processes.log_lines(worker, "sessions.scan_reminders[", "succeeded")

    scans_so_far = scans()
    assert wait_until(lambda: scans() >= scans_so_far + 3)
    assert len(smtp_sink.snapshot()) == 1
    assert OutboxMessage.objects.filter(key=f"reminder:{booking.pk}:60").count() == 1
