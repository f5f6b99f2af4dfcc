from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

# At most ten years: a longer period is a typo, not a policy.
DAYS = [MinValueValidator(1), MaxValueValidator(3650)]


class RetentionSchedule(models.Model):
    """How long a cohort keeps each kind of personal data, in days. One per cohort, created with
    these defaults the first time it is read (selectors.schedule_for)."""

    cohort = models.OneToOneField("cohorts.Cohort", on_delete=models.CASCADE, related_name="retention_schedule")
    anonymise_applications_after_days = models.PositiveIntegerField(
        "anonymise unsuccessful and withdrawn applications",
        default=183,
        validators=DAYS,
        help_text="Days after applications close: answers blanked and CV deleted; state, university and dates kept.",
    )
    delete_cvs_after_days = models.PositiveIntegerField(
        "delete CVs",
        default=30,
        validators=DAYS,
        help_text="Days after the decision is final (rejected, declined, withdrawn or confirmed).",
    )
    purge_email_bodies_after_days = models.PositiveIntegerField(
        "purge email bodies",
        default=90,
        validators=DAYS,
        help_text="Days after an email was sent: its text is removed; the record that it was sent stays.",
    )
    delete_unconfirmed_prospects_after_days = models.PositiveIntegerField(
        "delete unconfirmed prospects",
        default=30,
        validators=DAYS,
        help_text="Days after someone registered interest without confirming their address.",
    )
    warn_inactive_accounts_after_days = models.PositiveIntegerField(
        "warn inactive accounts",
        default=730,
        validators=DAYS,
        help_text="Days without signing in (or since joining) before the person is emailed a warning.",
    )
    delete_warned_accounts_after_days = models.PositiveIntegerField(
        "delete warned accounts",
        default=30,
        validators=DAYS,
        help_text="Days after the warning: an account still unused is then due for deletion.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    # The schedule's periods, in the order the page lists them.
    PERIODS = [
        "anonymise_applications_after_days",
        "delete_cvs_after_days",
        "purge_email_bodies_after_days",
        "delete_unconfirmed_prospects_after_days",
        "warn_inactive_accounts_after_days",
        "delete_warned_accounts_after_days",
    ]

    class Meta:
        ordering = ["-cohort__applications_open_at"]

    def __str__(self):
        return f"Retention schedule of {self.cohort}"


class Rule(models.TextChoices):
    ANONYMISE_APPLICATIONS = "anonymise_applications", "Anonymise unsuccessful and withdrawn applications"
    DELETE_CVS = "delete_cvs", "Delete CVs after the final decision"
    PURGE_EMAIL_BODIES = "purge_email_bodies", "Purge the text of sent emails"
    DELETE_UNCONFIRMED_PROSPECTS = "delete_unconfirmed_prospects", "Delete unconfirmed prospects"
    WARN_INACTIVE_ACCOUNTS = "warn_inactive_accounts", "Warn inactive accounts"
    DELETE_INACTIVE_ACCOUNTS = "delete_inactive_accounts", "Erase accounts that stayed inactive after the warning"


class RunSource(models.TextChoices):
    BEAT = "beat", "Daily schedule"
    COORDINATOR = "coordinator", "A coordinator"


class RetentionRun(models.Model):
    """What one rule did (or, in a dry run, would have done) at one moment: counts only, no identity."""

    rule = models.CharField(max_length=40, choices=Rule.choices)
    count = models.PositiveIntegerField()
    dry_run = models.BooleanField(default=False)
    source = models.CharField(max_length=20, choices=RunSource.choices, default=RunSource.BEAT)
    ran_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-ran_at", "-id"]

    def __str__(self):
        return f"{self.get_rule_display()}: {self.count}{' (dry run)' if self.dry_run else ''}"


class InactivityWarning(models.Model):
    """A warning emailed to a person whose account went unused: one per stretch of inactivity
    (`inactive_since` is their last sign-in, or joining, when warned), so signing in and falling
    silent again earns a new warning, and the daily run never warns twice for the same silence."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inactivity_warnings")
    inactive_since = models.DateTimeField()
    warned_at = models.DateTimeField()

    class Meta:
        ordering = ["-warned_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "inactive_since"], name="one_warning_per_inactive_stretch")
        ]

    def __str__(self):
        return f"{self.user} warned {self.warned_at:%Y-%m-%d}"
