"""The suppression list kept by hand: a complaint the mail provider reported, a bounce that came
back later, a person who asked by phone or reply not to be emailed. Unsubscribes from the email's
own link and bounces at send time are added by prospects.unsubscribe and campaigns.deliver."""

from django.db import transaction
from django.utils import timezone

from programmes.recruitment.models import Suppression, SuppressionReason
from programmes.recruitment.services.prospects import cancel_queued_marketing, withdraw_consent

# Staff may lift what a provider reported or they entered (a bounce, a complaint, or one entered by
# mistake). An unsubscribe is the person's own choice: it ends only when they opt in again.
LIFTABLE = (SuppressionReason.BOUNCED, SuppressionReason.COMPLAINED)


def suppress(*, email, reason):
    """Suppress the address for the reason given and stop anything queued for it; an unsubscribe
    or a complaint also withdraws consent. Returns the suppression and the reason it had before
    (None when it is new)."""
    email = email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        suppression, created = Suppression.objects.select_for_update().get_or_create(
            email=email, defaults={"reason": reason, "created_at": now}
        )
        previous = None if created else suppression.reason
        # A later report replaces the reason, except an unsubscribe: the person's own request stays
        # on record, and a reason staff could lift must not take its place.
        if previous and previous != reason and previous != SuppressionReason.UNSUBSCRIBED:
            suppression.reason = reason
            suppression.save(update_fields=["reason"])
        if reason == SuppressionReason.BOUNCED:
            cancel_queued_marketing(email, "Address bounced before sending.")
        else:
            withdraw_consent(email, now)
    return suppression, previous


def lift(*, suppression):
    """Take a bounce or a complaint off the list. A bounced address's consent applies again; a
    complaint withdrew consent, so that person gets marketing again only after opting in again."""
    if suppression.reason not in LIFTABLE:
        raise ValueError("An unsubscribe ends only when the person asks to be emailed again.")
    suppression.delete()
