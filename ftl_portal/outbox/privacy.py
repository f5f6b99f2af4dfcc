"""Every email the portal sent a person: exported in full, scrubbed on erasure. The row and its
idempotency key stay, so a retried task never sends the email again."""

from ftl_portal.outbox.models import MessageStatus, OutboxMessage
from ftl_portal.privacy import register

ERASED_TO = "erased@invalid"


def _scrub(messages):
    messages.exclude(status__in=[MessageStatus.SENT, MessageStatus.FAILED]).update(status=MessageStatus.CANCELLED)
    messages.update(
        to=ERASED_TO, subject="(erased)", body_text="", body_html="", headers={}, attachments=[], last_error=""
    )


register(
    OutboxMessage,
    rows=lambda user: OutboxMessage.objects.filter(to__iexact=user.email),
    export=lambda m: {
        "subject": m.subject,
        "status": m.status,
        "created": m.created_at.isoformat(),
        "sent": m.sent_at.isoformat() if m.sent_at else None,
        "body": m.body_text,
    },
    erase=_scrub,
    why="Emails the portal sent you, kept to show what you were told and to stop a retry sending twice.",
    label="Emails sent to you",
    rows_for_email=lambda email: OutboxMessage.objects.filter(to__iexact=email),
)
