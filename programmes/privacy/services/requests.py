"""Requests that arrive by email or post, and the emailed link that lets a prospect (no account)
download what the mailing list holds about them."""

from django.core import signing
from django.urls import reverse

from accounts.models import User
from ftl_portal.outbox.services import queue_templated_email
from programmes.privacy.models import DataRequest
from programmes.privacy.services.exports import BUNDLE_LIFETIME
from programmes.recruitment.models import Prospect

PROSPECT_LINK_SALT = "privacy.prospect-export"


def log_request(*, email, kind, received_on, notes, created_by):
    email = email.strip().lower()
    return DataRequest.objects.create(
        person=User.objects.filter(email__iexact=email).first(),
        email=email,
        kind=kind,
        received_on=received_on,
        notes=notes.strip(),
        created_by=created_by,
    )


def email_prospect_link(*, email):
    """Email a signed link if the address is on the mailing list; say nothing either way."""
    email = email.strip().lower()
    prospect = Prospect.objects.filter(email__iexact=email).first()
    if not prospect:
        return
    token = signing.dumps(email, salt=PROSPECT_LINK_SALT)
    queue_templated_email(
        key=f"privacy:prospect-link:{token[-27:]}",
        to=prospect.email,
        template="privacy/prospect_link",
        context={
            "prospect": prospect,
            "path": reverse("privacy:prospect_link", args=[token]),
            "days": BUNDLE_LIFETIME.days,
        },
        source="privacy",
    )


def address_from_link(token):
    """The address a prospect link was made for, or None when it is forged or too old."""
    try:
        return signing.loads(token, salt=PROSPECT_LINK_SALT, max_age=BUNDLE_LIFETIME)
    except signing.BadSignature:
        return None
