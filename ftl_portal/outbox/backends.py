"""Email backends.

OutboxBackend is Django's EMAIL_BACKEND: whatever is sent through Django's mail API (a library's
password email, an admin error report) becomes an outbox row instead of leaving the process, so the
outbox is the only way out. The worker delivers rows with settings.OUTBOX_DELIVERY_BACKEND.
"""

from django.core.mail.backends.base import BaseEmailBackend


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from . import services

        count = 0
        for message in email_messages:
            html = ""
            for content, mimetype in getattr(message, "alternatives", []) or []:
                if mimetype == "text/html":
                    html = content
            for recipient in message.recipients():
                services.queue_email(
                    key=services.content_key("django-mail", recipient, message.subject, message.body, html),
                    to=recipient,
                    subject=message.subject,
                    body=message.body,
                    html=html,
                    from_email=message.from_email,
                    headers=dict(message.extra_headers),
                    source="django-mail",
                )
                count += 1
        return count


class MailboxOnlyBackend(BaseEmailBackend):
    """Delivery for the embedded default: the message is already readable on the /mailbox/ page,
    so delivering it means nothing more leaves the machine."""

    def send_messages(self, email_messages):
        return len(email_messages)
