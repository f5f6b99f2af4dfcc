"""The batch path over a real SMTP server: what arrives is the message as the outbox stores it, each
row is marked the moment the server took it, a refused recipient fails alone, a broken server sends
the rest back to the queue."""

import pytest
from django.db import connection
from django.utils import timezone

from ftl_portal.outbox import batch, services
from ftl_portal.outbox.models import MessageStatus, OutboxMessage

pytestmark = pytest.mark.django_db

UNSUBSCRIBE = "<https://ftl.example/unsubscribe/" + "eJyrVkrNTcxRslJKzc3XS87PS0nNK0ktLlGqBQB8ugk" * 3 + "/>"


def queue_rows(count):
    keys = batch.queue_many(
        [
            {
                "key": f"campaign:1:{i}",
                "to": f"p{i}@example.org",
                "subject": "Applications open – Zoë's cohort",
                "body": f"Hello P{i},\n\nApply now.\n",
                "html": f"<p>Hello P{i},</p>",
                "headers": {"List-Unsubscribe": UNSUBSCRIBE, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
                "source": "campaign:1",
            }
            for i in range(count)
        ]
    )
    return sorted(keys.values())


def test_each_message_arrives_as_stored_and_is_marked_sent(smtp_sink):
    ids = queue_rows(3)
    before = timezone.now()
    assert batch.deliver_batch(ids) == 3
    received = {m["to"][0]: m["message"] for m in smtp_sink.wait_for(3)}
    for row in OutboxMessage.objects.filter(pk__in=ids):
        assert row.status == MessageStatus.SENT and before <= row.sent_at <= timezone.now()
        message = received[row.to]
        assert message["Message-ID"] == services.message_id_header(row)
        assert message["To"] == row.to
        assert "".join(message["List-Unsubscribe"].split()) == UNSUBSCRIBE
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text, html = message.get_payload()
        assert text.get_payload(decode=True).decode().replace("\r\n", "\n") == row.body_text
        assert html.get_payload(decode=True).decode() == row.body_html


def test_a_refused_recipient_fails_alone(smtp_sink):
    ids = queue_rows(3)
    smtp_sink.refused_recipients = {"p1@example.org"}
    assert batch.deliver_batch(ids) == 2
    statuses = dict(OutboxMessage.objects.values_list("to", "status"))
    assert statuses == {
        "p0@example.org": MessageStatus.SENT,
        "p1@example.org": MessageStatus.FAILED,
        "p2@example.org": MessageStatus.SENT,
    }


def test_a_server_refusing_all_mail_sends_the_batch_back_to_the_queue(smtp_sink):
    ids = queue_rows(3)
    smtp_sink.data_reply = "421 Try again later"
    assert batch.deliver_batch(ids) == 0
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.QUEUED}
    assert smtp_sink.snapshot() == []


def test_each_message_is_marked_sent_before_the_next_one_can_be_accepted(smtp_sink, monkeypatch):
    """The server never holds two unmarked messages: a worker killed at any moment leaves at most
    one duplicate."""
    ids = queue_rows(5)
    held_at_mark = []
    mark = batch._mark_sent_now

    def recording_mark(cursor, message_id):
        held_at_mark.append(len(smtp_sink.snapshot()))
        mark(cursor, message_id)

    monkeypatch.setattr(batch, "_mark_sent_now", recording_mark)
    assert batch.deliver_batch(ids) == 5
    assert held_at_mark == [1, 2, 3, 4, 5]


def test_a_server_failing_mid_batch_keeps_what_it_took_and_queues_the_rest(smtp_sink, monkeypatch):
    ids = queue_rows(3)
    mark = batch._mark_sent_now

    def mark_then_fail_the_server(cursor, message_id):
        mark(cursor, message_id)
        smtp_sink.data_reply = "421 Shutting down"

    monkeypatch.setattr(batch, "_mark_sent_now", mark_then_fail_the_server)
    assert batch.deliver_batch(ids) == 1
    statuses = dict(OutboxMessage.objects.values_list("to", "status"))
    assert statuses == {
        "p0@example.org": MessageStatus.SENT,
        "p1@example.org": MessageStatus.QUEUED,
        "p2@example.org": MessageStatus.QUEUED,
    }
    assert [m["to"] for m in smtp_sink.snapshot()] == [["p0@example.org"]]


def message_values(prefix, count, now):
    return [
        {
            "key": f"{prefix}:{i}",
            "kind": "marketing",
            "source": "campaign:7",
            "to": f"p{i}@example.org",
            "subject": "Zoë's cohort – “open” \\ now",
            "body_text": f"Hello P{i},\n\t'quoted' \"double\" \\backslash\n",
            "body_html": f"<p>Hello P{i} &amp; ☃</p>",
            "from_email": "FTL <ftl@example.org>",
            "headers": {"List-Unsubscribe": UNSUBSCRIBE, "X-Nested": {"a": [1, None, "b"]}},
            "created_at": now,
            "dispatched_at": now,
        }
        for i in range(count)
    ]


def test_the_postgresql_insert_writes_the_rows_bulk_create_writes(require_postgres):
    """queue_many's one-statement insert on PostgreSQL against Django's own bulk_create (the path
    SQLite takes): every column the same, defaults included."""
    now = timezone.now()
    returned = batch._insert_returning_ids(message_values("fast", 3, now))
    batch._insert_ignoring_conflicts(message_values("orm", 3, now))

    def columns(prefix):
        rows = OutboxMessage.objects.filter(key__startswith=prefix).order_by("key").values()
        return [{name: value for name, value in row.items() if name not in ("id", "key")} for row in rows]

    assert columns("fast") == columns("orm") and len(columns("fast")) == 3
    assert returned == dict(OutboxMessage.objects.filter(key__startswith="fast").values_list("key", "pk"))


def test_queuing_the_same_keys_again_returns_the_first_rows_unchanged():
    first = batch.queue_many(
        [{"key": f"k{i}", "to": f"p{i}@example.org", "subject": "First", "body": "1"} for i in range(3)]
    )
    again = batch.queue_many(
        [{"key": f"k{i}", "to": f"p{i}@example.org", "subject": "Second", "body": "2"} for i in range(1, 5)]
    )
    assert {key: again[key] for key in ("k1", "k2")} == {key: first[key] for key in ("k1", "k2")}
    assert set(again) == {"k1", "k2", "k3", "k4"}
    assert dict(OutboxMessage.objects.values_list("key", "subject")) == {
        "k0": "First",
        "k1": "First",
        "k2": "First",
        "k3": "Second",
        "k4": "Second",
    }


def test_a_batch_gives_back_the_connection_with_durable_commits(require_postgres, smtp_sink):
    """The batch's marks skip the wait for the disk flush; whatever the worker runs next must not,
    whether the batch ended well or through its error path."""

    def synchronous_commit():
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    ids = queue_rows(2)
    assert batch.deliver_batch(ids[:1]) == 1
    assert synchronous_commit() == "on"
    smtp_sink.data_reply = "421 Shutting down"
    assert batch.deliver_batch(ids[1:]) == 0
    assert synchronous_commit() == "on"
