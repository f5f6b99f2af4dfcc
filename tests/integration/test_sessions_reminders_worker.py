from datetime import timedelta

import pytest
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from tests.factories_sessions import BookingFactory, OnlineSessionFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_beat_and_a_real_worker_deliver_a_due_reminder_once(celery_processes, smtp_sink):
    session = OnlineSessionFactory(title="Imaging careers", starts_at=timezone.now() + timedelta(minutes=30))
    booking = BookingFactory(session=session)
    celery_processes.env["FTL_REMINDER_SCAN_SECS"] = "2"
    celery_processes.worker(concurrency=1)
    celery_processes.beat()

    (received,) = smtp_sink.wait_for(1, timeout=90)
    assert received["to"] == [booking.participant.email]
    assert received["message"]["Subject"].startswith("Reminder: Imaging careers")
    body = received["message"].get_payload(decode=True).decode()
    assert f"Join online: {session.join_url}" in body

    smtp_sink.wait_for(2, timeout=8)  # several more scans run meanwhile: still one email
    assert len(smtp_sink.snapshot()) == 1
    assert OutboxMessage.objects.filter(key=f"reminder:{booking.pk}:60").count() == 1
