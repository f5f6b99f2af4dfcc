"""The batch path of the outbox, for bulk senders (recruitment campaigns). Same guarantees as the
single-message path in services.py: idempotent keys, the conditional queued → sending claim, and a
`sent` mark per message as soon as the server accepted it."""

import json
import logging
import smtplib
from datetime import datetime, timedelta
from email.errors import MessageError

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from . import raw
from .models import MessageKind, MessageStatus, OutboxMessage
from .services import RETRY_BASE_SECONDS, build_email, email_headers, mark_failed, retry_delay

logger = logging.getLogger(__name__)

CLAIM_CHUNK = 50  # rows a batch claims at a time, just before sending them
INSERT_CHUNK = 2000  # rows queue_many writes per statement
BATCH_ERRORS = (smtplib.SMTPException, OSError)
UNBUILDABLE = (ValueError, MessageError)  # Django's BadHeaderError and UnicodeError are ValueErrors
MARK_SENT_SQL = "UPDATE outbox_outboxmessage SET status = %s, sent_at = %s, last_error = '' WHERE id = %s"


def queue_many(rows):
    """queue_email for many rows in one statement: each under its idempotency key (a key that
    exists already is left alone), marked dispatched, and handed to no task: the caller passes the
    returned ids to deliver_batch. Returns {key: id}."""
    now = timezone.now()
    values = [
        {
            "key": row["key"],
            "kind": row.get("kind", MessageKind.SERVICE),
            "source": row.get("source", ""),
            "to": row["to"],
            "subject": " ".join(row["subject"].split())[:255],
            "body_text": row["body"],
            "body_html": row.get("html", ""),
            "from_email": row.get("from_email") or settings.DEFAULT_FROM_EMAIL,
            "headers": row.get("headers") or {},
            "created_at": now,
            "dispatched_at": now,
        }
        for row in rows
    ]
    insert = (
        _insert_returning_ids if transaction.get_connection().vendor == "postgresql" else _insert_ignoring_conflicts
    )
    found = {}
    for start in range(0, len(values), INSERT_CHUNK):
        chunk = values[start : start + INSERT_CHUNK]
        found.update(insert(chunk))
        # Keys that were there already (a re-run) or, without RETURNING, all of them.
        missing = [row["key"] for row in chunk if row["key"] not in found]
        if missing:
            found.update(OutboxMessage.objects.filter(key__in=missing).values_list("key", "pk"))
    return found


def _insert_ignoring_conflicts(values):
    """The portable insert (SQLite): bulk_create cannot return the ids of rows it may have skipped."""
    OutboxMessage.objects.bulk_create([OutboxMessage(**row) for row in values], ignore_conflicts=True)
    return {}


def _insert_returning_ids(values):
    """One INSERT … ON CONFLICT DO NOTHING RETURNING for many rows, the rows sent as one JSON
    document, the model's defaults filling what a row leaves out. bulk_create would send each
    column as an array literal, which psycopg escapes element by element in Python under Django's
    client-side binding: most of a campaign release's CPU."""
    connection = transaction.get_connection()
    columns = [field for field in OutboxMessage._meta.concrete_fields if not field.primary_key]
    default = OutboxMessage()
    quote = connection.ops.quote_name
    quoted = ", ".join(quote(field.column) for field in columns)
    types = ", ".join(f"{quote(field.column)} {field.db_type(connection).split('(')[0]}" for field in columns)
    # Only names from the model's own metadata go into the text; the rows are one bound parameter.
    sql = (
        f"INSERT INTO {quote(OutboxMessage._meta.db_table)} ({quoted}) "  # noqa: S608
        f"SELECT {quoted} FROM jsonb_to_recordset(%s::jsonb) AS incoming ({types}) "
        f"ON CONFLICT ({quote('key')}) DO NOTHING RETURNING {quote('key')}, {quote(OutboxMessage._meta.pk.column)}"
    )
    records = json.dumps(
        [
            {field.column: row.get(field.attname, getattr(default, field.attname)) for field in columns}
            for row in values
        ],
        default=datetime.isoformat,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [records])
        return dict(cursor.fetchall())


def deliver_batch(message_ids):
    """Send many queued messages over one SMTP connection. Rows are claimed a few at a time (under
    row locks) just before they are sent, and each is marked sent the moment the server accepts
    it. A worker killed mid-batch therefore leaves at most one message in flight (accepted but not
    yet marked: the only possible duplicate) and a few claimed-but-unsent rows, which
    recover_stale re-queues; the rest stay queued. On a transient error the message and the rest
    of the batch go back to the queue with backoff. Returns how many were sent."""
    candidates = list(
        OutboxMessage.objects.filter(pk__in=message_ids, status=MessageStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
        .order_by("pk")
    )
    if not candidates:
        return 0
    smtp = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    sent = 0
    # One cursor for the batch's marks: a new one per message costs more than the mark's round trip.
    with transaction.get_connection().cursor() as cursor:
        _relax_commit_durability(cursor, True)
        try:
            for start in range(0, len(candidates), CLAIM_CHUNK):
                claimed = _claim_many(candidates[start : start + CLAIM_CHUNK])
                for index, message in enumerate(claimed):
                    try:
                        _send_in_batch(smtp, message)
                    except smtplib.SMTPRecipientsRefused as exc:
                        mark_failed(message, f"Recipient refused: {exc.recipients}")
                        continue
                    except BATCH_ERRORS as exc:
                        error = f"{exc.__class__.__name__}: {exc}"
                        _retry_batch_message(message, error)
                        _retry_rest(claimed[index + 1 :], candidates[start + CLAIM_CHUNK :], error)
                        return sent
                    except UNBUILDABLE as exc:
                        # Refused while it was being built (a header holding a line break, text
                        # no encoding fits): it will not improve by retrying, and the rest of the
                        # batch is not its fault.
                        mark_failed(message, f"Cannot be sent: {exc.__class__.__name__}: {exc}")
                        continue
                    _mark_sent_now(cursor, message.pk)
                    sent += 1
        finally:
            _relax_commit_durability(cursor, False)
            try:
                smtp.close()
            except BATCH_ERRORS:
                logger.warning("outbox batch: the SMTP connection did not close cleanly")
    return sent


def _mark_sent_now(cursor, message_id):
    """The `sent` mark of one message, the moment the server has accepted it: one statement written
    once (the ORM's update() would compile the same SQL again for each message, which costs more
    than the round trip itself)."""
    sent_at = cursor.db.ops.adapt_datetimefield_value(timezone.now())
    cursor.execute(MARK_SENT_SQL, [MessageStatus.SENT.value, sent_at, message_id])


def _send_in_batch(connection, message):
    """Over Django's SMTP backend, send the bytes built by outbox.raw (the stdlib's public email API,
    without a message object per message); any other backend, or a message raw does not cover, goes
    through Django as in the single-message path."""
    connection.open()  # once: later calls find it open and return at once
    if isinstance(connection, SmtpBackend):
        wire = raw.wire(message, email_headers(message))
        if wire is not None:
            connection.connection.sendmail(wire.sender, wire.recipients, wire.data)
            return
    build_email(message, connection).send()


def _claim_many(messages):
    now = timezone.now()
    with transaction.atomic():
        ids = set(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk__in=[m.pk for m in messages], status=MessageStatus.QUEUED)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .values_list("pk", flat=True)
        )
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=MessageStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    claimed = [m for m in messages if m.pk in ids]
    for message in claimed:
        message.attempts += 1
    return claimed


def _retry_batch_message(message, error):
    if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        mark_failed(message, error)
        return
    OutboxMessage.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(
        status=MessageStatus.QUEUED,
        last_error=error,
        dispatched_at=None,
        next_attempt_at=timezone.now() + timedelta(seconds=retry_delay(message.attempts)),
    )


def _retry_rest(claimed, unclaimed, error):
    """The unsent rest of a batch whose connection broke: back to the queue, due in a moment."""
    OutboxMessage.objects.filter(
        Q(pk__in=[m.pk for m in claimed], status=MessageStatus.SENDING)
        | Q(pk__in=[m.pk for m in unclaimed], status=MessageStatus.QUEUED)
    ).update(
        status=MessageStatus.QUEUED,
        last_error=error,
        dispatched_at=None,
        next_attempt_at=timezone.now() + timedelta(seconds=RETRY_BASE_SECONDS),
    )


def _relax_commit_durability(cursor, relax):
    """On PostgreSQL a batch's claims and sent marks commit without waiting for the disk flush:
    they are visible to every other worker at once, so a killed worker changes nothing; only a
    crash of the database server itself could forget the last fraction of a second of marks (and
    resend those few messages). It makes a batch markedly faster."""
    if cursor.db.vendor == "postgresql":
        cursor.execute("SET synchronous_commit = off" if relax else "RESET synchronous_commit")


def recover_stale(*, source, stuck_after, now=None):
    """For one source (a campaign): re-queue rows stuck in sending longer than `stuck_after` (their
    worker died), and return the due queued rows whose dispatch is older than that, marked
    dispatched now. The caller hands them to deliver_batch again."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=stuck_after)
    rows = OutboxMessage.objects.filter(source=source)
    rows.filter(status=MessageStatus.SENDING, claimed_at__lt=cutoff).update(
        status=MessageStatus.QUEUED, last_error="Re-queued: the worker stopped while sending."
    )
    stale = list(
        rows.filter(status=MessageStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=cutoff))
        .values_list("pk", flat=True)[:5000]
    )
    OutboxMessage.objects.filter(pk__in=stale).update(dispatched_at=now)
    return stale
