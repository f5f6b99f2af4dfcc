from django.db import models
from django.utils import timezone


class MessageKind(models.TextChoices):
    SERVICE = "service", "Service"
    MARKETING = "marketing", "Marketing"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class OutboxMessage(models.Model):
    """One outgoing email, stored before it is sent. `key` makes queuing idempotent: the same key
    twice is the same email, so a retried request or a re-run scan never emails a person twice."""

    key = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=20, choices=MessageKind.choices, default=MessageKind.SERVICE, db_index=True)
    source = models.CharField(
        max_length=100, blank=True, db_index=True, help_text="What produced it, e.g. campaign:12."
    )
    status = models.CharField(max_length=20, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    from_email = models.CharField(max_length=255)
    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(default=list, blank=True, help_text="[{filename, content, mimetype}] text parts.")

    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["to", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to} ({self.status})"
