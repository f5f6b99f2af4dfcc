"""Reads for recruitment: audiences (consent and suppression always applied), campaigns and their
progress and results, prospects. Everything but the audience helpers is for coordinators only."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.http import Http404
from django.shortcuts import get_object_or_404

from ftl_portal.outbox.models import MessageStatus, OutboxMessage
from programmes.admissions.attribution import SHARE_LINK_PREFIX
from programmes.admissions.models import Application
from programmes.admissions.models.applications import ApplicationState
from programmes.recruitment.models import (
    Campaign,
    CampaignRecipient,
    Prospect,
    ProspectImport,
    ShareLink,
    Suppression,
    email_hash,
)


def _require_coordinator(user):
    if not (user.is_authenticated and user.is_coordinator):
        raise Http404


def consenting_prospects():
    """Who may receive marketing at all: confirmed, consent not withdrawn, address not suppressed."""
    return Prospect.objects.filter(confirmed_at__isnull=False, consent_withdrawn_at__isnull=True).exclude(
        Exists(Suppression.objects.filter(email=OuterRef("email")))
    )


def segment(*, cohort, partners=(), levels=(), pathways=(), not_applied=True):
    prospects = consenting_prospects()
    if partners:
        prospects = prospects.filter(partner__in=partners)
    if levels:
        prospects = prospects.filter(level_of_study__in=levels)
    if pathways:
        prospects = prospects.filter(
            Exists(
                Prospect.pathways.through.objects.filter(
                    prospect_id=OuterRef("pk"), pathway_id__in=[getattr(i, "pk", i) for i in pathways]
                )
            )
        )
    if not_applied and cohort is not None:
        prospects = prospects.exclude(
            Exists(Application.objects.filter(cohort=cohort, student__email=OuterRef("email")))
        )
    return prospects.order_by("pk")


def audience_for(*, campaign):
    return segment(
        cohort=campaign.cohort,
        partners=list(campaign.partners.all()),
        levels=campaign.levels,
        pathways=list(campaign.pathways.all()),
        not_applied=campaign.not_applied,
    )


def blocked_emails(emails):
    """Of these addresses, the ones marketing must not reach now (suppressed or consent withdrawn)."""
    blocked = set()
    for start in range(0, len(emails), 2000):
        chunk = emails[start : start + 2000]
        blocked.update(Suppression.objects.filter(email__in=chunk).values_list("email", flat=True))
        # An erased person's suppression holds only the hash of their address.
        hashes = {email_hash(email): email for email in chunk}
        blocked.update(
            hashes[h] for h in Suppression.objects.filter(email_hash__in=hashes).values_list("email_hash", flat=True)
        )
        blocked.update(
            Prospect.objects.filter(email__in=chunk)
            .filter(Q(consent_withdrawn_at__isnull=False) | Q(confirmed_at__isnull=True))
            .values_list("email", flat=True)
        )
    return blocked


def campaigns_for(*, user):
    _require_coordinator(user)
    return Campaign.objects.select_related("cohort").annotate(recipient_count=Count("recipients"))


def campaign_for(*, user, pk):
    _require_coordinator(user)
    return get_object_or_404(Campaign.objects.select_related("cohort"), pk=pk)


def progress(*, campaign):
    """Sent, failed, left out and remaining, for the progress bar."""
    total = campaign.recipients.count()
    by_status = dict(
        OutboxMessage.objects.filter(source=campaign.source)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    sent = by_status.get(MessageStatus.SENT, 0)
    failed = by_status.get(MessageStatus.FAILED, 0)
    skipped = campaign.recipients.filter(status="suppressed").count()
    remaining = max(total - sent - failed - skipped, 0)
    done = total - remaining
    return {
        "total": total,
        "sent": sent,
        "failed": failed,
        "skipped": skipped,
        "remaining": remaining,
        "percent": round(100 * done / total) if total else 0,
    }


def results(*, campaign):
    refs = CampaignRecipient.objects.filter(campaign=campaign).values("ref")
    applications = Application.objects.filter(campaign_ref__in=refs)
    return {
        **progress(campaign=campaign),
        "unsubscribed": campaign.suppressions.count(),
        "applications_started": applications.count(),
        "applications_submitted": applications.exclude(
            state__in=[ApplicationState.DRAFT, ApplicationState.WITHDRAWN]
        ).count(),
    }


def prospects_for(*, user, query=""):
    _require_coordinator(user)
    prospects = Prospect.objects.select_related("partner").annotate(
        suppressed=Exists(Suppression.objects.filter(email=OuterRef("email")))
    )
    if query:
        prospects = prospects.filter(Q(email__icontains=query) | Q(first_name__icontains=query))
    return prospects


def suppressions_for(*, user, query="", reason=""):
    _require_coordinator(user)
    suppressions = Suppression.objects.select_related("campaign")
    if query:
        suppressions = suppressions.filter(email__icontains=query)
    if reason:
        suppressions = suppressions.filter(reason=reason)
    return suppressions


def suppression_for(*, user, pk):
    _require_coordinator(user)
    return get_object_or_404(Suppression.objects, pk=pk)


def prospect_import_for(*, user, pk):
    _require_coordinator(user)
    return get_object_or_404(ProspectImport.objects, pk=pk)


def recipient_by_ref(ref):
    return CampaignRecipient.objects.select_related("campaign__cohort").filter(ref=ref).first()


def dashboard_summary(*, user):
    _require_coordinator(user)
    return {
        "active": Campaign.objects.filter(status__in=["sending", "scheduled", "paused"]).select_related("cohort")[:5],
        "consenting": consenting_prospects().count(),
        "suppressed": Suppression.objects.count(),
    }


def share_links(*, user, cohort):
    """A cohort's share links with the applications started from each and how many were submitted."""
    _require_coordinator(user)
    started = Application.objects.filter(cohort=cohort, campaign_ref=Concat(Value(SHARE_LINK_PREFIX), OuterRef("slug")))
    return (
        ShareLink.objects.filter(cohort=cohort)
        .annotate(started=_count_of(started), submitted=_count_of(started.filter(submitted_at__isnull=False)))
        .select_related("partner")
    )


def _count_of(applications):
    return Coalesce(Subquery(applications.order_by().values("cohort").annotate(n=Count("pk")).values("n")), 0)


def share_link_by_slug(slug):
    """Public: the share link a visitor followed, or None."""
    return ShareLink.objects.select_related("cohort").filter(slug=slug).first()
