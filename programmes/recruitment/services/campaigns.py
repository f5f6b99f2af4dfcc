"""Campaign writes: save, start or schedule, pause, resume, cancel; the throttled release of
recipients to the outbox; delivery with the suppression check at send time; the test send."""

import math
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ftl_portal.confirmation import check_fingerprint
from ftl_portal.outbox import batch as outbox_batch
from ftl_portal.outbox import services as outbox
from ftl_portal.outbox.models import MessageKind, MessageStatus, OutboxMessage
from programmes.recruitment import emails as campaign_emails
from programmes.recruitment.models import (
    Campaign,
    CampaignRecipient,
    CampaignStatus,
    RecipientStatus,
    Suppression,
    SuppressionReason,
    email_hash,
)
from programmes.recruitment.selectors import audience_for, blocked_emails
from programmes.recruitment.services.merge_fields import html_errors, merge_field_errors

RELEASE_LIMIT = 2000  # recipients per release, to keep each transaction short
BATCH_SIZE = 100  # messages per delivery task (one SMTP connection each)


def content_errors(*, subject, body_text, body_html):
    errors = merge_field_errors(subject, where="Subject") + merge_field_errors(body_text, where="Text body")
    if body_html:
        errors += merge_field_errors(body_html, where="HTML body") + html_errors(body_html)
    return errors


def validate_content(campaign):
    errors = content_errors(subject=campaign.subject, body_text=campaign.body_text, body_html=campaign.body_html)
    if errors:
        raise ValidationError(errors)


def save_campaign(*, form, user):
    """Create or update a draft from a valid CampaignForm."""
    campaign = form.save(commit=False)
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError("Only a draft campaign can be edited.")
    if not campaign.pk:
        campaign.created_by = user
    with transaction.atomic():
        campaign.save()
        form.save_m2m()
    return campaign


def start_campaign(*, campaign, send_at=None, audience=None):
    """Snapshot the audience (one row per address, so re-running changes nothing) and start
    sending now or at send_at. Workers pick it up from the database on their next tick.
    `audience` is the fingerprint the coordinator's confirmation page showed: if the audience has
    changed since, nothing starts (AudienceChanged). None (scripts, tests) starts without one."""
    validate_content(campaign)
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError("This campaign has already been started.")
    now = timezone.now()
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != CampaignStatus.DRAFT:
            raise ValidationError("This campaign has already been started.")
        audience_rows = list(audience_for(campaign=campaign).values_list("pk", "email", "first_name"))
        if audience is not None:
            check_fingerprint(audience, [pk for pk, _, _ in audience_rows])
        CampaignRecipient.objects.bulk_create(
            [
                CampaignRecipient(campaign=campaign, prospect_id=pk, email=email, first_name=first_name)
                for pk, email, first_name in audience_rows
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        scheduled = send_at is not None and send_at > now
        campaign.status = CampaignStatus.SCHEDULED if scheduled else CampaignStatus.SENDING
        campaign.send_at = send_at if scheduled else now
        campaign.started_at = None if scheduled else now
        campaign.save(update_fields=["status", "send_at", "started_at"])
    if not scheduled:
        transaction.on_commit(lambda: _kick(campaign.pk))
    return campaign


def _kick(campaign_id):
    from programmes.recruitment.tasks import release_campaign

    release_campaign.delay(campaign_id)


def _set_status(campaign, allowed_from, to):
    updated = Campaign.objects.filter(pk=campaign.pk, status__in=allowed_from).update(status=to)
    if not updated:
        raise ValidationError(f"A {campaign.get_status_display().lower()} campaign cannot be {to}.")
    campaign.status = to
    return campaign


def pause_campaign(*, campaign):
    """Stop sending: what is released but not yet sent is held (cancelled in the outbox, so no
    worker or sweeper can send it) until a resume."""
    with transaction.atomic():
        _set_status(campaign, [CampaignStatus.SENDING, CampaignStatus.SCHEDULED], CampaignStatus.PAUSED)
        outbox.cancel_queued(source=campaign.source)
    return campaign


def resume_campaign(*, campaign):
    """Send again: held messages go back to the queue, except to anyone suppressed meanwhile."""
    with transaction.atomic():
        _set_status(campaign, [CampaignStatus.PAUSED], CampaignStatus.SENDING)
        held = OutboxMessage.objects.filter(source=campaign.source, status=MessageStatus.CANCELLED)
        blocked = blocked_emails(list(held.values_list("to", flat=True)))
        ids = list(held.exclude(to__in=blocked).values_list("pk", flat=True))
        OutboxMessage.objects.filter(pk__in=ids).update(status=MessageStatus.QUEUED, dispatched_at=timezone.now())
    transaction.on_commit(lambda: dispatch(campaign_id=campaign.pk, message_ids=ids))
    transaction.on_commit(lambda: _kick(campaign.pk))
    return campaign


def cancel_campaign(*, campaign):
    with transaction.atomic():
        _set_status(
            campaign,
            [CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.SENDING, CampaignStatus.PAUSED],
            CampaignStatus.CANCELLED,
        )
        outbox.cancel_queued(source=campaign.source)
        Campaign.objects.filter(pk=campaign.pk).update(finished_at=timezone.now())
    return campaign


def start_due_campaigns(*, now=None):
    """Scheduled campaigns whose time has come start sending (beat)."""
    now = now or timezone.now()
    return Campaign.objects.filter(status=CampaignStatus.SCHEDULED, send_at__lte=now).update(
        status=CampaignStatus.SENDING, started_at=now
    )


def _allowance(campaign, now):
    """How many recipients may be released now: never more than rate_per_minute in any 60 s, and
    spread out by the time since the last release so a minute's quota is not sent in one burst."""
    rate = campaign.rate_per_minute
    in_last_minute = campaign.recipients.filter(released_at__gt=now - timedelta(seconds=60)).count()
    last = campaign.last_release_at
    elapsed = settings.CAMPAIGN_TICK_SECONDS if last is None else (now - last).total_seconds()
    smooth = math.ceil(rate * min(elapsed, 60) / 60)
    return max(0, min(rate - in_last_minute, smooth, RELEASE_LIMIT))


def release(*, campaign_id, now=None):
    """Hand the next recipients of a sending campaign to the outbox, within its rate, and queue
    their delivery in batches. Suppressed people and withdrawn consent are left out here and again
    at send time. Returns how many messages were released."""
    now = now or timezone.now()
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("cohort")
            .filter(pk=campaign_id, status=CampaignStatus.SENDING)
            .first()
        )
        if campaign is None:
            return 0
        allowance = _allowance(campaign, now)
        recipients = list(campaign.recipients.filter(status=RecipientStatus.PENDING)[:allowance]) if allowance else []
        blocked = blocked_emails([r.email for r in recipients])
        to_send = [r for r in recipients if r.email not in blocked]
        CampaignRecipient.objects.filter(pk__in=[r.pk for r in recipients if r.email in blocked]).update(
            status=RecipientStatus.SUPPRESSED
        )
        ids = []
        if to_send:
            layout = campaign_emails.Layout(campaign)
            keys = outbox_batch.queue_many([layout.outbox_row(recipient) for recipient in to_send])
            ids = sorted(keys.values())
            CampaignRecipient.objects.filter(pk__in=[r.pk for r in to_send]).update(
                status=RecipientStatus.RELEASED, released_at=now
            )
            Campaign.objects.filter(pk=campaign.pk).update(last_release_at=now)
        full = len(recipients) == RELEASE_LIMIT
        transaction.on_commit(lambda: dispatch(campaign_id=campaign.pk, message_ids=ids, release_midway=full))
    return len(ids)


def dispatch(*, campaign_id, message_ids, release_midway=False):
    """Queue the delivery batches. After a full release (more is waiting and the rate allowed a
    whole RELEASE_LIMIT), the next release is queued halfway through the batches: it runs while the
    second half is sent, instead of behind all of them at the next tick, so the workers never run
    dry. The rate is still enforced by that release; a smaller release ends the chain."""
    from programmes.recruitment.tasks import deliver_campaign_batch, release_campaign

    batches = [message_ids[start : start + BATCH_SIZE] for start in range(0, len(message_ids), BATCH_SIZE)]
    for index, batch in enumerate(batches):
        if release_midway and index == len(batches) // 2:
            release_campaign.delay(campaign_id)
        deliver_campaign_batch.delay(campaign_id, batch)


def deliver(*, campaign_id, message_ids):
    """Send a batch. Just before claiming, anyone suppressed or no longer consenting since the
    release is cancelled, so a person who unsubscribes mid-campaign gets nothing more."""
    campaign = Campaign.objects.filter(pk=campaign_id).only("status").first()
    if campaign is None or campaign.status != CampaignStatus.SENDING:
        # Paused (or cancelled): the rows stay queued and go out after a resume.
        return 0
    pending = OutboxMessage.objects.filter(pk__in=message_ids, status=MessageStatus.QUEUED)
    blocked = blocked_emails(list(pending.values_list("to", flat=True)))
    if blocked:
        pending.filter(to__in=blocked).update(status=MessageStatus.CANCELLED, last_error="Suppressed before sending.")
        CampaignRecipient.objects.filter(campaign_id=campaign_id, email__in=blocked).update(
            status=RecipientStatus.SUPPRESSED
        )
    sent = outbox_batch.deliver_batch(message_ids)
    _suppress_refused(campaign_id, message_ids)
    return sent


def _suppress_refused(campaign_id, message_ids):
    """A recipient the mail server refused outright is a hard bounce: never email that address again."""
    refused = OutboxMessage.objects.filter(
        pk__in=message_ids, status=MessageStatus.FAILED, last_error__startswith="Recipient refused"
    ).values_list("to", flat=True)
    Suppression.objects.bulk_create(
        [
            Suppression(
                email=email, email_hash=email_hash(email), reason=SuppressionReason.BOUNCED, campaign_id=campaign_id
            )
            for email in refused
        ],
        ignore_conflicts=True,
    )


def tick(*, now=None):
    """The periodic step (beat): start due campaigns, release the next recipients of each sending
    campaign, recover messages a killed worker left behind, and finish what is done."""
    now = now or timezone.now()
    start_due_campaigns(now=now)
    released = 0
    for campaign in Campaign.objects.filter(status=CampaignStatus.SENDING):
        released += release(campaign_id=campaign.pk, now=now)
        stale = outbox_batch.recover_stale(
            source=campaign.source, stuck_after=settings.CAMPAIGN_STUCK_AFTER_SECONDS, now=now
        )
        if stale:
            dispatch(campaign_id=campaign.pk, message_ids=stale)
        _finish_if_done(campaign, now)
    return released


def _finish_if_done(campaign, now):
    if campaign.recipients.filter(status=RecipientStatus.PENDING).exists():
        return
    if OutboxMessage.objects.filter(
        source=campaign.source, status__in=[MessageStatus.QUEUED, MessageStatus.SENDING]
    ).exists():
        return
    Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.SENDING).update(
        status=CampaignStatus.FINISHED, finished_at=now
    )


def send_test(*, campaign, user):
    """Send the campaign to the coordinator themself, as a sample recipient (marked as a test)."""
    validate_content(campaign)
    sample = campaign_emails.sample_recipient(campaign, email=user.email, first_name=user.get_short_name())
    row = campaign_emails.Layout(campaign, test=True).outbox_row(sample)
    row["key"] = f"campaign-test:{campaign.pk}:{user.pk}:{timezone.now().timestamp():.0f}"
    return outbox.queue_email(
        key=row["key"],
        to=user.email,
        subject=row["subject"],
        body=row["body"],
        html=row["html"],
        headers=row["headers"],
        kind=MessageKind.MARKETING,
        source=f"campaign-test:{campaign.pk}",
    )
