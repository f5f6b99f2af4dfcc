"""Every write to the outbox: queue, claim, deliver, retry, sweep, resend.

Exactly-once is kept by the row, not by Celery: a task only sends after it has moved the row from
queued to sending in one conditional UPDATE, so duplicate tasks (a sweep re-dispatch, a redelivered
message after a worker loss) find nothing to claim. Retries live in the row too (`next_attempt_at`);
the beat sweeper dispatches them when they fall due, so no far-future ETA task sits in a broker or
in a worker's memory.
"""

import hashlib
import logging
import smtplib
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from kombu.exceptions import KombuError

from . import raw
from .models import MessageKind, MessageStatus, OutboxMessage

logger = logging.getLogger(__name__)

RETRY_BASE_SECONDS = 60
RETRY_CAP_SECONDS = 1800
SWEEP_BATCH = 5000


def _dispatch(message_id):
    """Publish a delivery task. A broker that is down only delays the email: the row stays
    undispatched and the next sweep publishes it."""
    from .tasks import deliver_message

    # Marked before publishing: the task may run (and record a retry) before delay() returns.
    OutboxMessage.objects.filter(pk=message_id).update(dispatched_at=timezone.now())
    try:
        deliver_message.delay(message_id)
    except (KombuError, OSError):
        logger.exception("outbox %s: could not publish the delivery task; the sweeper will", message_id)
        OutboxMessage.objects.filter(pk=message_id, status=MessageStatus.QUEUED).update(dispatched_at=None)
        return False
    return True


def queue_email(
    *,
    key,
    to,
    subject,
    body,
    html="",
    kind=MessageKind.SERVICE,
    from_email=None,
    headers=None,
    attachments=None,
    source="",
):
    """Store an email under `key` and hand it to a worker once the surrounding transaction commits.
    A key that exists already is left as it is and returned: queuing is idempotent."""
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                key=key,
                kind=kind,
                source=source,
                to=to,
                subject=" ".join(subject.split())[:255],
                body_text=body,
                body_html=html or "",
                from_email=from_email or settings.DEFAULT_FROM_EMAIL,
                headers=headers or {},
                attachments=attachments or [],
            )
    except IntegrityError:
        # Another request queued the same key a moment ago (the unique index waited for it).
        return OutboxMessage.objects.get(key=key)
    transaction.on_commit(lambda: _dispatch(message.pk))
    return message


def content_key(prefix, *parts, now=None, window_seconds=3600):
    """A key for an email with no id of its own (allauth's, Django's mail API): the same content in
    the same hour is one email (a double submit), the same content later is a new one (a second
    request for the same notice deserves an answer)."""
    bucket = int((now or timezone.now()).timestamp() // window_seconds)
    digest = hashlib.sha256("\x1f".join([*parts, str(bucket)]).encode()).hexdigest()[:40]
    return f"{prefix}:{digest}"


def render_email(template, context):
    """Render templates/email/<template>_subject.txt, _body.txt and (if present) _body.html."""
    subject = render_to_string(f"email/{template}_subject.txt", context).strip()
    body = render_to_string(f"email/{template}_body.txt", context)
    try:
        html = render_to_string(f"email/{template}_body.html", context)
    except TemplateDoesNotExist:
        html = ""
    return subject, body, html


def queue_templated_email(*, key, to, template, context, **kwargs):
    subject, body, html = render_email(template, {"site_url": settings.SITE_URL, **context})
    return queue_email(key=key, to=to, subject=subject, body=body, html=html, **kwargs)


def claim(*, message_id):
    """Move a due queued row to sending. Only one worker can win; the others get None."""
    now = timezone.now()
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, status=MessageStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=MessageStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return None
    return OutboxMessage.objects.get(pk=message_id)


def message_id_header(message):
    """A Message-ID fixed by the key: if a worker dies between the SMTP server's 250 and our `sent`
    mark, the one possible re-send carries the same Message-ID, which mail systems recognise."""
    domain = message.from_email.rsplit("@", 1)[-1].strip("> ") or "ftl.invalid"
    return f"<{hashlib.sha256(message.key.encode()).hexdigest()[:32]}@{domain}>"


def email_headers(message):
    return {"Message-ID": message_id_header(message), **message.headers}


def build_email(message, connection=None):
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=message.from_email,
        to=[message.to],
        headers=email_headers(message),
        connection=connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for part in message.attachments:
        email.attach(part["filename"], part["content"], part.get("mimetype", "application/octet-stream"))
    return email


def retry_delay(attempts):
    return min(RETRY_BASE_SECONDS * (2 ** max(attempts - 1, 0)), RETRY_CAP_SECONDS)


def is_permanent(exc):
    """A refusal of this message (5xx for its recipient or content) will not change on a retry;
    anything about the connection or the server (down, busy, 4xx, bad login) may."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPDataError):
        return exc.smtp_code >= 500
    return False


def deliver(*, message_id):
    """Claim, send and mark one message. A message someone else holds (or already sent) is left
    alone, so running this twice for one row never sends it twice."""
    message = claim(message_id=message_id)
    if message is None:
        return None
    try:
        connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
        build_email(message, connection).send()
    except (smtplib.SMTPException, OSError, SoftTimeLimitExceeded) as exc:
        error = f"{exc.__class__.__name__}: {exc}"
        if is_permanent(exc) or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            return _mark_failed(message, error)
        return _schedule_retry(message, error)
    except Exception as exc:
        # A message that cannot even be built (a bad attachment, a broken header) will not improve
        # by retrying; fail it visibly instead of leaving it for the sweeper forever.
        logger.exception("outbox %s: cannot be sent", message.pk)
        return _mark_failed(message, f"{exc.__class__.__name__}: {exc}")
    OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.SENT, sent_at=timezone.now(), last_error="")
    message.refresh_from_db()
    return message


def _schedule_retry(message, error):
    countdown = retry_delay(message.attempts)
    OutboxMessage.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(
        status=MessageStatus.QUEUED,
        last_error=error,
        next_attempt_at=timezone.now() + timedelta(seconds=countdown),
        dispatched_at=None,
    )
    logger.warning("outbox %s: transient failure, retry in %ss: %s", message.pk, countdown, error)
    message.refresh_from_db()
    return message


def _mark_failed(message, error):
    OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED, last_error=error)
    logger.error("outbox %s failed: %s", message.pk, error)
    message.refresh_from_db()
    return message


def sweep(*, now=None, stuck_after=None):
    """Recover what a dead worker, a lost task or a retry left behind, and publish it again.

    A row in sending for longer than `stuck_after` belonged to a worker that died (the setting must
    exceed the task's hard time limit, checked at start-up, so a live worker is never overtaken); it
    goes back to queued, or fails if it has used its attempts. Queued rows that are due and were
    never dispatched, or dispatched longer than `stuck_after` ago, are published. Returns how many."""
    now = now or timezone.now()
    stuck_after = settings.OUTBOX_STUCK_AFTER_SECONDS if stuck_after is None else stuck_after
    cutoff = now - timedelta(seconds=stuck_after)
    stuck = OutboxMessage.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=cutoff)
    stuck.filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS).update(
        status=MessageStatus.FAILED, last_error="The worker stopped while sending, on every attempt."
    )
    stuck.update(
        status=MessageStatus.QUEUED,
        dispatched_at=None,
        last_error="Re-queued: the worker stopped while sending (it may have reached the server once).",
    )
    due = list(
        OutboxMessage.objects.filter(status=MessageStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=cutoff))
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    return sum(_dispatch(pk) for pk in due)


def resend(*, message):
    """A coordinator resends a failed message: it goes back to the queue with a fresh count."""
    updated = OutboxMessage.objects.filter(pk=message.pk, status=MessageStatus.FAILED).update(
        status=MessageStatus.QUEUED, attempts=0, next_attempt_at=None, dispatched_at=None, last_error=""
    )
    if updated:
        transaction.on_commit(lambda: _dispatch(message.pk))
    return bool(updated)


def cancel_queued(*, source):
    """Stop whatever of a source has not been sent yet (e.g. a cancelled campaign)."""
    return OutboxMessage.objects.filter(source=source, status=MessageStatus.QUEUED).update(
        status=MessageStatus.CANCELLED
    )


# The batch path, for bulk senders (recruitment campaigns). Same guarantees as the single-message
# path above: idempotent keys, the conditional queued → sending claim, a `sent` mark per message.

CLAIM_CHUNK = 50  # rows a batch claims at a time, just before sending them
BATCH_ERRORS = (smtplib.SMTPException, OSError)
MARK_SENT_SQL = "UPDATE outbox_outboxmessage SET status = %s, sent_at = %s, last_error = '' WHERE id = %s"


def queue_many(rows):
    """queue_email for many rows in one statement: each under its idempotency key (a key that
    exists already is left alone), marked dispatched, and handed to no task: the caller passes the
    returned ids to deliver_batch. Returns {key: id}."""
    now = timezone.now()
    OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                key=row["key"],
                kind=row.get("kind", MessageKind.SERVICE),
                source=row.get("source", ""),
                to=row["to"],
                subject=" ".join(row["subject"].split())[:255],
                body_text=row["body"],
                body_html=row.get("html", ""),
                from_email=row.get("from_email") or settings.DEFAULT_FROM_EMAIL,
                headers=row.get("headers") or {},
                dispatched_at=now,
            )
            for row in rows
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    keys = [row["key"] for row in rows]
    found = {}
    for start in range(0, len(keys), 2000):
        found.update(OutboxMessage.objects.filter(key__in=keys[start : start + 2000]).values_list("key", "pk"))
    return found


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
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    sent = 0
    _relax_commit_durability(True)
    try:
        for start in range(0, len(candidates), CLAIM_CHUNK):
            claimed = _claim_many(candidates[start : start + CLAIM_CHUNK])
            for index, message in enumerate(claimed):
                try:
                    _send_in_batch(connection, message)
                except smtplib.SMTPRecipientsRefused as exc:
                    _mark_failed(message, f"Recipient refused: {exc.recipients}")
                    continue
                except BATCH_ERRORS as exc:
                    error = f"{exc.__class__.__name__}: {exc}"
                    _retry_batch_message(message, error)
                    _retry_rest(claimed[index + 1 :], candidates[start + CLAIM_CHUNK :], error)
                    return sent
                _mark_sent_now(message.pk)
                sent += 1
    finally:
        _relax_commit_durability(False)
        try:
            connection.close()
        except BATCH_ERRORS:
            logger.warning("outbox batch: the SMTP connection did not close cleanly")
    return sent


def _mark_sent_now(message_id):
    """The `sent` mark of one message, the moment the server has accepted it: one statement written
    once (the ORM's update() would compile the same SQL again for each message, which costs more
    than the round trip itself)."""
    connection = transaction.get_connection()
    with connection.cursor() as cursor:
        cursor.execute(
            MARK_SENT_SQL,
            [MessageStatus.SENT.value, connection.ops.adapt_datetimefield_value(timezone.now()), message_id],
        )


def _send_in_batch(connection, message):
    """Over Django's SMTP backend, send the bytes built by outbox.raw (Django's own bytes, without
    its per-message MIME objects); any other backend, or a message raw does not cover, goes through
    Django as in the single-message path."""
    connection.open()  # once: later calls find it open and return at once
    if isinstance(connection, SmtpBackend):
        message_bytes = raw.message_bytes(message, email_headers(message))
        if message_bytes is not None:
            sender, recipients = raw.envelope(message)
            connection.connection.sendmail(sender, recipients, message_bytes)
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
        _mark_failed(message, error)
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


def _relax_commit_durability(relax):
    """On PostgreSQL a batch's claims and sent marks commit without waiting for the disk flush:
    they are visible to every other worker at once, so a killed worker changes nothing; only a
    crash of the database server itself could forget the last fraction of a second of marks (and
    resend those few messages). It makes a batch markedly faster."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
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
