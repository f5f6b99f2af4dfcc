"""The outbox's delivery rules: one email per key, failures wait in the queue, retries and the
sweeper never send a message twice."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.checks import run_checks
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from ftl_portal.outbox import services
from ftl_portal.outbox.models import MessageStatus, OutboxMessage
from tests.factories_outbox import OutboxMessageFactory
from tests.smtp_sink import SmtpSink, free_port

pytestmark = pytest.mark.django_db


def queue(key="welcome:1", to="ada@example.org", **extra):
    return services.queue_email(key=key, to=to, subject="Welcome", body="Hello Ada", **extra)


def time_passes(message):
    """The retry falls due, as it would after its backoff."""
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def use_smtp(settings, port):
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5


def test_queuing_a_key_again_changes_nothing_and_sends_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue()
        again = [queue(), queue(to="other@example.org")]
    assert all(message.pk == first.pk for message in again)
    assert OutboxMessage.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    assert OutboxMessage.objects.get().status == MessageStatus.SENT

    with django_capture_on_commit_callbacks(execute=True):
        queue()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_concurrent_queuing_of_one_key_on_postgres_makes_one_row_and_one_email():
    threads, barrier, errors = 8, threading.Barrier(8), []

    def worker():
        try:
            barrier.wait()
            with transaction.atomic():
                queue(key="concurrent:1")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []
    assert OutboxMessage.objects.filter(key="concurrent:1").count() == 1
    assert len(mail.outbox) == 1


def test_nothing_listening_leaves_the_row_queued_with_its_error_then_it_is_sent_once_the_server_is_back(
    settings, django_capture_on_commit_callbacks
):
    port = free_port()
    use_smtp(settings, port)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert "refused" in message.last_error.lower()
    assert message.next_attempt_at > timezone.now() + timedelta(seconds=30)
    assert services.sweep() == 0, "a retry that is not due yet is not published"

    sink = SmtpSink(port=port)
    sink.start()
    try:
        time_passes(message)
        assert services.sweep() == 1
        assert services.sweep() == 0
    finally:
        sink.stop()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 2 and message.last_error == ""
    assert [m["to"] for m in sink.snapshot()] == [["ada@example.org"]]


def test_a_server_answering_421_leaves_the_row_queued_and_the_retry_delivers_it(
    smtp_sink, django_capture_on_commit_callbacks
):
    smtp_sink.data_reply = "421 4.3.2 Service not available, try later"
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert "421" in message.last_error
    assert message.next_attempt_at > timezone.now()

    smtp_sink.data_reply = "250 OK"
    time_passes(message)
    services.sweep()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    received = smtp_sink.snapshot()
    assert len(received) == 1
    assert received[0]["message"]["Subject"] == "Welcome"
    assert received[0]["message"]["Message-ID"] == services.message_id_header(message)


def test_a_permanently_refused_recipient_fails_at_once_and_is_not_retried(
    smtp_sink, django_capture_on_commit_callbacks
):
    smtp_sink.refused_recipients = {"nobody@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(to="nobody@example.org")
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert "550" in message.last_error
    assert services.sweep(stuck_after=0) == 0
    assert smtp_sink.snapshot() == []


def test_transient_failures_stop_at_the_attempt_cap(settings, django_capture_on_commit_callbacks):
    use_smtp(settings, free_port())
    settings.OUTBOX_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    time_passes(message)
    services.sweep()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 2)
    assert "refused" in message.last_error.lower()


def test_retry_delay_backs_off_and_is_capped():
    assert [services.retry_delay(n) for n in (1, 2, 3)] == [60, 120, 240]
    assert services.retry_delay(20) == services.RETRY_CAP_SECONDS


def test_a_second_task_for_a_sent_or_claimed_row_sends_nothing():
    message = OutboxMessageFactory(status=MessageStatus.QUEUED)
    assert services.deliver(message_id=message.pk).status == MessageStatus.SENT
    assert services.deliver(message_id=message.pk) is None
    claimed = OutboxMessageFactory(status=MessageStatus.SENDING, claimed_at=timezone.now())
    assert services.deliver(message_id=claimed.pk) is None
    assert len(mail.outbox) == 1


def test_the_sweeper_requeues_a_dead_workers_row_but_not_a_live_one():
    dead = OutboxMessageFactory(
        status=MessageStatus.SENDING, attempts=1, claimed_at=timezone.now() - timedelta(minutes=10)
    )
    live = OutboxMessageFactory(status=MessageStatus.SENDING, attempts=1, claimed_at=timezone.now())
    in_flight = OutboxMessageFactory(status=MessageStatus.QUEUED, dispatched_at=timezone.now())
    lost = OutboxMessageFactory(status=MessageStatus.QUEUED, dispatched_at=timezone.now() - timedelta(minutes=10))

    assert services.sweep() == 2
    for message in (dead, live, in_flight, lost):
        message.refresh_from_db()
    assert (dead.status, live.status, in_flight.status, lost.status) == ("sent", "sending", "queued", "sent")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([dead.to, lost.to])


def test_a_row_that_kills_its_worker_every_time_ends_failed():
    poison = OutboxMessageFactory(
        status=MessageStatus.SENDING, attempts=6, claimed_at=timezone.now() - timedelta(hours=1)
    )
    services.sweep()
    poison.refresh_from_db()
    assert poison.status == MessageStatus.FAILED
    assert mail.outbox == []


def test_a_message_that_cannot_be_built_fails_visibly_instead_of_sticking():
    broken = OutboxMessageFactory(status=MessageStatus.QUEUED, attachments=[{"content": "no filename"}])
    services.deliver(message_id=broken.pk)
    broken.refresh_from_db()
    assert broken.status == MessageStatus.FAILED
    assert "KeyError" in broken.last_error


def test_a_broker_outage_does_not_break_the_request_and_the_sweeper_publishes_later(
    django_capture_on_commit_callbacks,
):
    with (
        mock.patch("ftl_portal.outbox.tasks.deliver_message.delay", side_effect=OperationalError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = queue()
    message.refresh_from_db()
    assert (message.status, message.dispatched_at) == (MessageStatus.QUEUED, None)
    assert services.sweep() == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_resend_puts_only_a_failed_message_back_in_the_queue(django_capture_on_commit_callbacks):
    failed = OutboxMessageFactory(status=MessageStatus.FAILED, attempts=6, last_error="550 no")
    sent = OutboxMessageFactory(status=MessageStatus.SENT)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resend(message=failed) is True
        assert services.resend(message=sent) is False
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (MessageStatus.SENT, 1)
    assert [m.to for m in mail.outbox] == [[failed.to]]


def test_the_message_id_is_fixed_by_the_key_so_a_resend_after_a_crash_is_recognisable():
    message = OutboxMessageFactory()
    first, second = services.build_email(message), services.build_email(message)
    assert first.message()["Message-ID"] == second.message()["Message-ID"] == services.message_id_header(message)
    assert services.message_id_header(OutboxMessageFactory()) != services.message_id_header(message)


def test_a_stuck_threshold_shorter_than_the_task_time_limit_is_refused_at_start_up(settings):
    settings.OUTBOX_STUCK_AFTER_SECONDS = settings.CELERY_TASK_TIME_LIMIT
    assert [e.id for e in run_checks()] == ["outbox.E001"]


def test_mail_sent_through_djangos_api_goes_through_the_outbox_once_per_recipient(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "ftl_portal.outbox.backends.OutboxBackend"
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):  # a double submit
            send_mail("Server error", "Traceback ...", None, ["admin@example.org", "ops@example.org"])
    assert sorted(OutboxMessage.objects.values_list("to", "source", "status")) == [
        ("admin@example.org", "django-mail", "sent"),
        ("ops@example.org", "django-mail", "sent"),
    ]
    assert len(mail.outbox) == 2


def test_an_email_without_an_id_is_one_email_per_hour_of_identical_content():
    now = timezone.now().replace(minute=10)
    key = services.content_key("account:unknown_account", "x@example.org", "Subject", "Body", now=now)
    assert key == services.content_key("account:unknown_account", "x@example.org", "Subject", "Body", now=now)
    assert key != services.content_key("account:unknown_account", "y@example.org", "Subject", "Body", now=now)
    later = now + timedelta(hours=1)
    assert key != services.content_key("account:unknown_account", "x@example.org", "Subject", "Body", now=later)


def test_a_send_cut_short_by_the_task_time_limit_is_retried_not_failed():
    message = OutboxMessageFactory(status=MessageStatus.QUEUED)
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=SoftTimeLimitExceeded()):
        services.deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED and message.next_attempt_at is not None
    assert "SoftTimeLimitExceeded" in message.last_error
