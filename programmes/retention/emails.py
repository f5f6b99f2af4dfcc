"""The one email of retention: a warning to a person whose account has gone unused."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox import services as outbox


def queue_inactivity_warning(*, user, inactive_since, now, grace_days):
    """Keyed by the silence it warns about (the day of the last sign-in, or of joining), so a re-run
    never sends it twice and a person who signs in and falls silent again is warned afresh."""
    return outbox.queue_templated_email(
        key=f"retention-warning:{user.pk}:{timezone.localtime(inactive_since):%Y-%m-%d}",
        to=user.email,
        template="retention/inactivity_warning",
        context={
            "person": user,
            "inactive_since": inactive_since,
            "delete_after": now + timedelta(days=grace_days),
            "sign_in_url": settings.SITE_URL + reverse("account_login"),
        },
        source="retention",
    )
