"""Every write to the outbox: queue, claim, deliver, retry, sweep, resend (the batch path for bulk
senders is batch.py).

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
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from kombu.exceptions import KombuError

from .branding import branded_html
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
    A key that exists already is left as it is and returned: queuing is idempotent. Every email
    gets the branded HTML part (branding.py), made from the text when the caller brings none."""
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing:
        return existing
    html = branded_html(key=key, kind=kind, subject=subject, text=body, html=html)
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
            return mark_failed(message, error)
        return _schedule_retry(message, error)
    except Exception as exc:
        # A message that cannot even be built (a bad attachment, a broken header) will not improve
        # by retrying; fail it visibly instead of leaving it for the sweeper forever.
        logger.exception("outbox %s: cannot be sent", message.pk)
        return mark_failed(message, f"{exc.__class__.__name__}: {exc}")
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


def mark_failed(message, error):
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
