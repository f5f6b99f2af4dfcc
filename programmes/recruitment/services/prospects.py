"""Consent and its withdrawal: register interest (double opt-in), a student's own marketing
preference, and unsubscribing (which suppresses the address at once and stops queued email)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ftl_portal.outbox.models import MessageKind, MessageStatus, OutboxMessage
from programmes.admissions.models import Application
from programmes.cohorts.models import Partner
from programmes.recruitment import emails as campaign_emails
from programmes.recruitment.models import (
    Campaign,
    ConsentRecord,
    Prospect,
    ProspectSource,
    Suppression,
    SuppressionReason,
)

CONFIRM_MAX_AGE = 7 * 24 * 3600
RESEND_AFTER = timedelta(minutes=15)
FORM_WORDING = (
    "Yes, I would like Medilink Midlands to email me about new Future Talent Laboratory cohorts and how to "
    "apply. I can unsubscribe at any time with the link in every email."
)
ACCOUNT_WORDING = (
    "Email me about new Future Talent Laboratory cohorts and recruitment events. I can turn this off here or "
    "unsubscribe with the link in every email."
)


def register_interest(*, email, first_name, last_name, partner, level_of_study, pathways, wording=FORM_WORDING):
    """Record the interest and the consent as given (unconfirmed), and email a confirmation link.
    The page says the same whatever the address, so nobody learns who is on the list."""
    email = email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        prospect, created = Prospect.objects.get_or_create(
            email=email, defaults={"source": ProspectSource.FORM, "created_at": now}
        )
        if created or prospect.confirmed_at is None:
            prospect.first_name, prospect.last_name = first_name, last_name
            prospect.partner, prospect.level_of_study = partner, level_of_study
            prospect.save()
            prospect.pathways.set(pathways)
        recent = prospect.consents.filter(confirmed_at__isnull=True, given_at__gt=now - RESEND_AFTER).first()
        if recent is not None:
            # A confirmation went out moments ago: the form cannot be used to flood an inbox.
            return recent
        consent = ConsentRecord.objects.create(
            prospect=prospect, wording=wording, given_at=now, source="Register-interest form"
        )
        campaign_emails.queue_confirmation(consent=consent)
    return consent


def confirm_interest(*, token):
    """The second step of the double opt-in. Returns the prospect, or None for a bad or old link."""
    data = campaign_emails.read_confirm_token(token, CONFIRM_MAX_AGE)
    if not data:
        return None
    consent = ConsentRecord.objects.select_related("prospect").filter(pk=data["c"], prospect_id=data["p"]).first()
    if consent is None:
        return None
    now = timezone.now()
    with transaction.atomic():
        prospect = consent.prospect
        if consent.confirmed_at is None:
            ConsentRecord.objects.filter(pk=consent.pk).update(confirmed_at=now)
        Prospect.objects.filter(pk=prospect.pk).update(confirmed_at=now, consent_withdrawn_at=None)
        # Fresh, confirmed consent lifts an earlier unsubscribe, never a bounce or a complaint.
        Suppression.objects.filter(email=prospect.email, reason=SuppressionReason.UNSUBSCRIBED).delete()
    return prospect


def marketing_consent_of(user):
    prospect = Prospect.objects.filter(email=user.email).first()
    return bool(prospect and prospect.confirmed_at and not prospect.consent_withdrawn_at) and not (
        Suppression.objects.filter(email=user.email).exists()
    )


def set_marketing_consent(*, user, consent):
    """A student turns recruitment email on or off in their account. Their verified address and a
    signed-in choice are the evidence; the wording and time are recorded. Saving the choice the
    student already has records nothing: the consent trail holds changes, not every save."""
    now = timezone.now()
    email = user.email.lower()
    if consent == marketing_consent_of(user):
        return
    with transaction.atomic():
        if not consent:
            withdraw_consent(email, now)
            return
        latest = Application.objects.filter(student=user).order_by("-created_at").first()
        prospect, _ = Prospect.objects.get_or_create(
            email=email, defaults={"source": ProspectSource.ACCOUNT, "created_at": now}
        )
        prospect.user = user
        prospect.first_name = prospect.first_name or user.get_short_name()
        prospect.partner = prospect.partner or (latest.partner if latest else _partner_by_domain(email))
        prospect.level_of_study = prospect.level_of_study or (latest.level_of_study if latest else "")
        prospect.confirmed_at, prospect.consent_withdrawn_at = now, None
        prospect.save()
        if latest and not prospect.pathways.exists():
            prospect.pathways.set(latest.pathways.all())
        ConsentRecord.objects.create(
            prospect=prospect, wording=ACCOUNT_WORDING, given_at=now, confirmed_at=now, source="Student account"
        )
        Suppression.objects.filter(email=email, reason=SuppressionReason.UNSUBSCRIBED).delete()


def _partner_by_domain(email):
    return next((p for p in Partner.objects.all() if p.owns_email(email)), None)


def withdraw_consent(email, now):
    """The address's consent ends now, and nothing already queued for it goes out."""
    Prospect.objects.filter(email=email).update(consent_withdrawn_at=now)
    ConsentRecord.objects.filter(prospect__email=email, withdrawn_at__isnull=True).update(withdrawn_at=now)
    cancel_queued_marketing(email, "Consent withdrawn before sending.")


def cancel_queued_marketing(email, why):
    OutboxMessage.objects.filter(to=email, kind=MessageKind.MARKETING, status=MessageStatus.QUEUED).update(
        status=MessageStatus.CANCELLED, last_error=why
    )


def unsubscribe(*, token):
    """One-click unsubscribe: suppress the address the signed token names, withdraw consent and
    cancel anything queued. Returns the token's data, or None when the token is not ours."""
    data = campaign_emails.read_unsubscribe_token(token)
    if data is None:
        return None
    now = timezone.now()
    with transaction.atomic():
        Suppression.objects.get_or_create(
            email=data["e"],
            defaults={"reason": SuppressionReason.UNSUBSCRIBED, "campaign_id": _campaign_id(data), "created_at": now},
        )
        withdraw_consent(data["e"], now)
    return data


def _campaign_id(data):
    campaign_id = data.get("c")
    return campaign_id if campaign_id and Campaign.objects.filter(pk=campaign_id).exists() else None
