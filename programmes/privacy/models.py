"""Data-subject requests: a person's export bundle, requests that arrive by email or post, and the
record of an erasure (which holds no identity of its own)."""

import calendar
import datetime
import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone


def private_storage():
    return storages["private"]


def bundle_path(bundle, filename):
    return f"exports/{bundle.pk}-{bundle.token}.zip"


def add_one_month(day):
    """The ICO's one calendar month: 31 January + 1 month is the last day of February."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class RequestKind(models.TextChoices):
    ACCESS = "access", "Access (a copy of their data)"
    ERASURE = "erasure", "Erasure"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    FULFILLED = "fulfilled", "Fulfilled"
    REFUSED = "refused", "Refused"


class DataRequest(models.Model):
    """A request that came by email or post, logged by a coordinator so its deadline is kept."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True, help_text="For someone without an account (a prospect).")
    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    received_on = models.DateField()
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["status", "received_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} request received {self.received_on}"

    @property
    def due_on(self):
        return add_one_month(self.received_on)

    def deadline(self, today=None):
        """'due in 3 days', 'due today' or 'overdue by 2 days'; an answered request has no deadline."""
        if self.status != RequestStatus.OPEN:
            return ""
        days = (self.due_on - (today or timezone.localdate())).days
        if days == 0:
            return "due today"
        plural = "" if abs(days) == 1 else "s"
        return f"due in {days} day{plural}" if days > 0 else f"overdue by {-days} day{plural}"

    @property
    def is_overdue(self):
        return self.status == RequestStatus.OPEN and self.due_on < timezone.localdate()


class BundleStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    BUILDING = "building", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


def new_token():
    return secrets.token_urlsafe(24)


class ExportBundle(models.Model):
    """One zip of a person's data, built by the worker, stored privately, downloadable until it expires."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(blank=True, help_text="A prospect's address, when there is no account.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    request = models.ForeignKey(DataRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="bundles")
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    status = models.CharField(max_length=10, choices=BundleStatus.choices, default=BundleStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=bundle_path, storage=private_storage, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Export {self.pk} ({self.status})"

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at


class ErasureRecord(models.Model):
    """That an erasure happened: when, by whom, why, and how many rows per register entry. No identity."""

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=300)
    counts = models.JSONField(default=dict)
    request = models.ForeignKey(DataRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"Erasure at {self.at:%Y-%m-%d %H:%M}"
