"""Prospects (people who registered interest, with or without an account), their consent records,
campaign recipients and the suppression list. A suppression outlives erasure as a keyed hash of the
address, so an erased person is never emailed again."""

from django.db.models import Q

from ftl_portal.privacy import ERASE_DELETE, ERASE_KEEP, register
from programmes.recruitment.models import (
    Campaign,
    CampaignRecipient,
    ConsentRecord,
    Prospect,
    ProspectImport,
    ShareLink,
    Suppression,
    email_hash,
)


def _prospect_rows(user):
    return Prospect.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def _forget_suppressions(suppressions):
    # The hash was written with the suppression; only the readable address goes.
    for suppression in suppressions:
        suppression.email_hash = suppression.email_hash or email_hash(suppression.email)
        suppression.email = f"erased-{suppression.email_hash[:24]}@invalid"
        suppression.save(update_fields=["email", "email_hash"])


register(
    Prospect,
    rows=_prospect_rows,
    export=lambda p: {
        "email": p.email,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "university": str(p.partner) if p.partner else "",
        "source": p.get_source_display(),
        "pathways": [x.name for x in p.pathways.all()],
        "consent_withdrawn": p.consent_withdrawn_at.isoformat() if p.consent_withdrawn_at else None,
    },
    erase=ERASE_DELETE,
    why="You asked to hear about the programme. Erased with your consent records; your address stays only "
    "as a one-way hash on the suppression list so you are never emailed again.",
    label="Mailing list",
    rows_for_email=lambda email: Prospect.objects.filter(email__iexact=email),
)
register(
    ConsentRecord,
    rows=lambda user: ConsentRecord.objects.filter(prospect__in=_prospect_rows(user)),
    export=lambda c: {
        "wording": c.wording,
        "given": c.given_at.isoformat(),
        "source": c.source,
        "confirmed": c.confirmed_at.isoformat() if c.confirmed_at else None,
        "withdrawn": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
    },
    erase=ERASE_DELETE,
    why="Proof of what you agreed to receive, and when.",
    label="Consent records",
    rows_for_email=lambda email: ConsentRecord.objects.filter(prospect__email__iexact=email),
)
register(
    Suppression,
    rows=lambda user: Suppression.objects.filter(email__iexact=user.email),
    export=lambda s: {"reason": s.get_reason_display(), "since": s.created_at.isoformat()},
    erase=_forget_suppressions,
    why="Your address on the do-not-email list. After erasure only a keyed hash of it is kept.",
    label="Do-not-email list",
    rows_for_email=lambda email: Suppression.objects.filter(email__iexact=email),
)
register(
    CampaignRecipient,
    rows=lambda user: CampaignRecipient.objects.filter(
        Q(email__iexact=user.email) | Q(prospect__in=_prospect_rows(user))
    ).select_related("campaign"),
    export=lambda r: {"campaign": r.campaign.subject, "status": r.get_status_display()},
    erase=lambda rows: rows.update(email="erased@invalid", first_name="", prospect=None),
    why="Campaign emails sent to you; kept without your address so campaign counts stay true.",
    label="Campaign emails",
    rows_for_email=lambda email: CampaignRecipient.objects.filter(email__iexact=email).select_related("campaign"),
)
register(
    Campaign,
    rows=lambda user: Campaign.objects.filter(created_by=user),
    export=lambda c: {"name": c.name, "subject": c.subject},
    erase=ERASE_KEEP,
    why="Campaigns you wrote as a coordinator; they belong to the programme.",
    label="Campaigns you created",
)
register(
    ProspectImport,
    rows=lambda user: ProspectImport.objects.filter(created_by=user),
    export=lambda i: {"filename": i.filename, "status": i.get_status_display()},
    erase=ERASE_KEEP,
    why="Mailing-list imports you ran as a coordinator.",
    label="Imports you ran",
)
register(
    ShareLink,
    rows=lambda user: ShareLink.objects.filter(created_by=user),
    export=lambda link: {"label": link.label, "slug": link.slug},
    erase=ERASE_KEEP,
    why="Share links you made as a coordinator; they belong to the programme.",
    label="Share links you made",
)
