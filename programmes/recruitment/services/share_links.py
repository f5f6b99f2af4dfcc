"""Share links: a coordinator makes one per partner or channel; following one sends the visitor to
the cohort's page with a signed source that the application records."""

from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.urls import reverse

from ftl_portal.errors import PortalError
from programmes.admissions import attribution
from programmes.recruitment.models import ShareLink


def create_share_link(*, cohort, slug, label, partner=None, created_by):
    try:
        with transaction.atomic():
            return ShareLink.objects.create(
                cohort=cohort, slug=slug, label=label, partner=partner, created_by=created_by
            )
    except IntegrityError as exc:
        raise PortalError(f"A share link called “{slug}” already exists; choose another name.") from exc


def landing_url(link):
    """Where following a share link leads: the cohort page, with the link's signed source."""
    query = urlencode({attribution.VIA_PARAM: attribution.sign_source(link.source)})
    return f"{reverse('cohort_detail', args=[link.cohort.slug])}?{query}"
