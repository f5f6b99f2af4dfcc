"""Demo recruitment data: prospects with their recorded consent, a draft campaign for the pilot
cohort ready to preview, test-send and send, and a suppression list with one address of each kind.
Idempotent (keyed on email addresses and the campaign's name)."""

from datetime import timedelta

from django.utils import timezone

from programmes.admissions.models import Application
from programmes.cohorts.models import LevelOfStudy, Pathway
from programmes.recruitment.models import (
    Campaign,
    ConsentRecord,
    Prospect,
    ProspectSource,
    ShareLink,
    Suppression,
    SuppressionReason,
)
from programmes.recruitment.services.prospects import FORM_WORDING

FAIR = "Import: Warwick careers fair, October 2026"
IMPORT_WORDING = "Tick to hear from Medilink Midlands about the Future Talent Laboratory (sign-up sheet)."

# email, first name, university slug, level, pathway slugs, source
PROSPECTS = [
    ("maya.evans@warwick.ac.uk", "Maya", "warwick", LevelOfStudy.UNDERGRADUATE, ["regulatory-affairs"], FAIR),
    ("li.wei@warwick.ac.uk", "Li", "warwick", LevelOfStudy.MASTERS, ["ai-health-devices"], FAIR),
    ("oliver.grant@warwick.ac.uk", "Oliver", "warwick", LevelOfStudy.DOCTORAL, ["research-innovation"], FAIR),
    ("ruth.osei@aru.ac.uk", "Ruth", "aru", LevelOfStudy.HTQ, ["manufacturing-quality"], ""),
    ("daniel.kim@aru.ac.uk", "Daniel", "aru", LevelOfStudy.UNDERGRADUATE, ["clinical-nhs", "commercialisation"], ""),
    ("sofia.rossi@aru.ac.uk", "Sofia", "aru", LevelOfStudy.MASTERS, ["regulatory-affairs", "clinical-nhs"], ""),
    ("jamie.walsh@example.org", "Jamie", None, "", ["commercialisation"], ""),
    ("priya.nair@example.org", "Priya", None, LevelOfStudy.MASTERS, ["ai-health-devices"], ""),
]
SUPPRESSED = [
    ("tom.baker@warwick.ac.uk", SuppressionReason.UNSUBSCRIBED),
    ("old.mailbox@aru.ac.uk", SuppressionReason.BOUNCED),
    ("not.me@example.org", SuppressionReason.COMPLAINED),
]
AWAITING_CONFIRMATION = "new.signup@example.org"

CAMPAIGN_NAME = "Pilot 2027: applications open"
SUBJECT = "Applications are open for {{ cohort }}"
BODY = """Hello {{ first_name }},

You asked to hear when the Future Talent Laboratory opens. Applications for {{ cohort }} are open
until {{ deadline }}: expert-led sessions, careers insight and an industry mentor in life sciences
and medtech.

Apply here: {{ apply_link }}

Medilink Midlands, with the University of Warwick and Anglia Ruskin University
"""


def seed(*, cohort, partners, coordinator=None):
    now = timezone.now()
    pathways = {area.slug: area for area in Pathway.objects.all()}
    for days, (email, first_name, partner_slug, level, pathway_slugs, source) in enumerate(PROSPECTS):
        given_at = now - timedelta(days=30 - days)
        prospect, created = Prospect.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first_name,
                "partner": partners.get(partner_slug),
                "level_of_study": level,
                "source": ProspectSource.IMPORT if source else ProspectSource.FORM,
                "confirmed_at": given_at,
                "created_at": given_at,
            },
        )
        if created:
            prospect.pathways.set([pathways[slug] for slug in pathway_slugs if slug in pathways])
            ConsentRecord.objects.create(
                prospect=prospect,
                wording=IMPORT_WORDING if source else FORM_WORDING,
                source=source or "Register-interest form",
                given_at=given_at,
                confirmed_at=given_at,
            )
    waiting, created = Prospect.objects.get_or_create(
        email=AWAITING_CONFIRMATION, defaults={"first_name": "Alex", "source": ProspectSource.FORM}
    )
    if created:
        ConsentRecord.objects.create(prospect=waiting, wording=FORM_WORDING, source="Register-interest form")
    for email, reason in SUPPRESSED:
        Suppression.objects.get_or_create(email=email, defaults={"reason": reason})
    seed_share_links(cohort=cohort, partners=partners, coordinator=coordinator)
    Campaign.objects.get_or_create(
        name=CAMPAIGN_NAME,
        defaults={
            "cohort": cohort,
            "subject": SUBJECT,
            "body_text": BODY,
            "rate_per_minute": 120,
            "created_by": coordinator,
        },
    )


SHARE_LINKS = [
    ("warwick-careers-newsletter", "Warwick careers newsletter", "warwick"),
    ("aru-employability-bulletin", "ARU employability bulletin", "aru"),
    ("medilink-linkedin", "Medilink Midlands on LinkedIn", None),
]


def seed_share_links(*, cohort, partners, coordinator):
    """One share link per partner's channel and one of Medilink's, with two demo applications
    counted as started from the Warwick newsletter."""
    for slug, label, partner_slug in SHARE_LINKS:
        ShareLink.objects.get_or_create(
            slug=slug,
            defaults={
                "cohort": cohort,
                "label": label,
                "partner": partners.get(partner_slug),
                "created_by": coordinator,
            },
        )
    newsletter = ShareLink.objects.get(slug="warwick-careers-newsletter")
    if Application.objects.filter(campaign_ref=newsletter.source).exists():
        return
    from_newsletter = Application.objects.filter(cohort=cohort, partner=partners.get("warwick"), campaign_ref="")
    ids = list(from_newsletter.order_by("id").values_list("id", flat=True)[:2])
    Application.objects.filter(id__in=ids).update(campaign_ref=newsletter.source)
