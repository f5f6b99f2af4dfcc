"""Recruitment email: who may be emailed (prospects with recorded consent, minus the suppression
list), what a campaign says to whom, and one row per (campaign, recipient) so nobody is emailed twice."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from programmes.admissions.attribution import SHARE_LINK_PREFIX
from programmes.admissions.models.applications import LevelOfStudy

RECRUITMENT_LIST = "ftl-recruitment"


class ProspectSource(models.TextChoices):
    FORM = "form", "Register-interest form"
    IMPORT = "import", "CSV import"
    ACCOUNT = "account", "Student account preferences"


class Prospect(models.Model):
    """A person who may hear about new cohorts. Marketing goes only to a confirmed prospect with
    consent that has not been withdrawn and whose address is not suppressed."""

    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    partner = models.ForeignKey(
        "cohorts.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="prospects"
    )
    level_of_study = models.CharField(max_length=10, choices=LevelOfStudy.choices, blank=True)
    pathways = models.ManyToManyField("cohorts.Pathway", blank=True, related_name="prospects")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="prospect"
    )
    source = models.CharField(max_length=20, choices=ProspectSource.choices)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="Double opt-in done (or consent evidenced by import/account)."
    )
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email


class ConsentRecord(models.Model):
    """Evidence of consent: the exact wording shown, when, and where it came from."""

    prospect = models.ForeignKey(Prospect, on_delete=models.CASCADE, related_name="consents")
    wording = models.TextField()
    given_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=255, help_text="e.g. register-interest form, import: Warwick fair 2026.")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]

    def __str__(self):
        return f"{self.prospect} ({self.source}, {self.given_at:%Y-%m-%d})"


class SuppressionReason(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    BOUNCED = "bounced", "Bounced"
    COMPLAINED = "complained", "Complained"
    ERASED = "erased", "Erased on request"


def email_hash(email):
    """A keyed one-way hash of the address: the suppression outlives the person's erasure without
    holding their address, and a key derived from SECRET_KEY stops a dictionary of addresses matching it."""
    key = hashlib.sha256(b"ftl-suppression:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


class Suppression(models.Model):
    """An address that marketing never goes to, whatever consent says."""

    email = models.EmailField(unique=True)
    email_hash = models.CharField(max_length=64, db_index=True, editable=False, default="")
    reason = models.CharField(max_length=20, choices=SuppressionReason.choices)
    campaign = models.ForeignKey(
        "recruitment.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="suppressions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.reason})"

    def save(self, *args, **kwargs):
        if not self.email_hash:
            self.email_hash = email_hash(self.email)
        super().save(*args, **kwargs)


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sending"
    PAUSED = "paused", "Paused"
    FINISHED = "finished", "Finished"
    CANCELLED = "cancelled", "Cancelled"


class Campaign(models.Model):
    name = models.CharField(max_length=200)
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.PROTECT, related_name="campaigns")
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True, help_text="Optional; made from the text when empty.")

    # The segment: empty means "anyone".
    partners = models.ManyToManyField("cohorts.Partner", blank=True, related_name="+")
    levels = models.JSONField(default=list, blank=True)
    pathways = models.ManyToManyField("cohorts.Pathway", blank=True, related_name="+")
    not_applied = models.BooleanField(default=True, help_text="Leave out people who applied to this cohort.")

    rate_per_minute = models.PositiveIntegerField(default=600)
    status = models.CharField(max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    send_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_release_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name

    @property
    def source(self):
        return f"campaign:{self.pk}"


def new_ref():
    return secrets.token_urlsafe(12)


class RecipientStatus(models.TextChoices):
    PENDING = "pending", "Waiting for its turn"
    RELEASED = "released", "Handed to the outbox"
    SUPPRESSED = "suppressed", "Left out: suppressed or consent withdrawn"


class CampaignRecipient(models.Model):
    """The audience snapshot taken when sending starts: one row per person, never two."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    email = models.EmailField()
    prospect = models.ForeignKey(Prospect, null=True, on_delete=models.SET_NULL, related_name="+")
    first_name = models.CharField(max_length=100, blank=True)
    ref = models.CharField(max_length=32, unique=True, default=new_ref)
    status = models.CharField(max_length=20, choices=RecipientStatus.choices, default=RecipientStatus.PENDING)
    released_at = models.DateTimeField(null=True, blank=True)
    message = models.OneToOneField(
        "outbox.OutboxMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "email"], name="one_recipient_row_per_campaign")]
        indexes = [models.Index(fields=["campaign", "status"]), models.Index(fields=["campaign", "released_at"])]

    def __str__(self):
        return f"{self.email} in {self.campaign_id}"


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", "Waiting for confirmation"
    IMPORTED = "imported", "Imported"
    DISCARDED = "discarded", "Discarded"


class ProspectImport(models.Model):
    """A parsed CSV waiting for the coordinator's confirmation: nothing reaches Prospect before it."""

    filename = models.CharField(max_length=255)
    rows = models.JSONField(default=list, help_text="The valid rows, ready to import.")
    problems = models.JSONField(default=list, help_text="[{line, email, problems}] rows that will be skipped.")
    notice = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEW)
    imported_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename


class ShareLink(models.Model):
    """A link a coordinator makes for one partner or channel ("warwick-careers-newsletter"). An
    application started from it records SHARE_LINK_PREFIX + its slug as its campaign_ref, carried
    there by a signed query parameter rather than a cookie."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="share_links")
    slug = models.SlugField(
        max_length=50, unique=True, help_text="The link's name in its address, e.g. warwick-careers-newsletter."
    )
    label = models.CharField(max_length=120, help_text="Who shares it, or where, e.g. Warwick careers newsletter.")
    partner = models.ForeignKey(
        "cohorts.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="partner"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.label

    @property
    def source(self):
        return f"{SHARE_LINK_PREFIX}{self.slug}"
