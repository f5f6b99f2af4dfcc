"""Personal data in cohort messages: the coordinator who wrote each one. The recipients are not
stored here (their emails are outbox rows, in the outbox's register)."""

from ftl_portal.privacy import register
from programmes.messaging.models import CohortMessage


def _forget_sender(rows):
    rows.update(created_by=None)


register(
    CohortMessage,
    rows=lambda user: CohortMessage.objects.filter(created_by=user),
    export=lambda message: {
        "cohort": message.cohort.name,
        "audience": message.audience_label,
        "subject": message.subject,
        "body": message.body,
        "sent_at": message.sent_at.isoformat() if message.sent_at else None,
        "recipient_count": message.recipient_count,
    },
    erase=_forget_sender,
    why="Messages a coordinator wrote to a cohort: kept for the programme's record, without the sender.",
)
