"""Demo data for the programme: partners, pathways and an open pilot cohort. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from .models import Cohort, CohortPartner, CohortStatus, InterestArea, LevelOfStudy, Partner

PARTNERS = [
    {
        "slug": "warwick",
        "name": "University of Warwick",
        "short_name": "Warwick",
        "email_domains": ["warwick.ac.uk"],
        "contact_name": "Warwick Careers",
        "contact_email": "careers@warwick.ac.uk",
    },
    {
        "slug": "aru",
        "name": "Anglia Ruskin University",
        "short_name": "ARU",
        "email_domains": ["aru.ac.uk", "student.aru.ac.uk"],
        "contact_name": "ARU Employability",
        "contact_email": "employability@aru.ac.uk",
    },
]

PATHWAYS = [
    (
        "regulatory-affairs",
        "Regulatory affairs",
        "Getting medical devices and diagnostics approved and kept on the market (UKCA, CE, FDA).",
    ),
    (
        "commercialisation",
        "Commercialisation",
        "Turning research into products: market access, health economics, business development.",
    ),
    ("ai-health-devices", "AI-enabled health devices", "Wearables, imaging and diagnostics that use machine learning."),
    ("research-innovation", "R&D and innovation", "Designing and testing new devices and therapies."),
    ("clinical-nhs", "Clinical and NHS", "Clinical engineering, evaluation and adoption in the NHS."),
    (
        "manufacturing-quality",
        "Manufacturing and quality",
        "Production, quality management (ISO 13485) and supply chains.",
    ),
]


def seed():
    partners = {}
    for data in PARTNERS:
        partner, _ = Partner.objects.update_or_create(slug=data["slug"], defaults=data)
        partners[partner.slug] = partner
    for order, (slug, name, summary) in enumerate(PATHWAYS):
        InterestArea.objects.update_or_create(slug=slug, defaults={"name": name, "summary": summary, "ordering": order})
    now = timezone.now()
    cohort, created = Cohort.objects.get_or_create(
        slug="pilot-2027",
        defaults={
            "name": "FTL pilot cohort 2027",
            "summary": "The first Future Talent Laboratory cohort: expert-led sessions, careers insight, "
            "industry mentoring and networking across the Midlands and East of England.",
            "status": CohortStatus.OPEN,
            "applications_open_at": now - timedelta(days=7),
            "applications_close_at": now + timedelta(days=30),
            "programme_starts_on": (now + timedelta(days=45)).date(),
            "programme_ends_on": (now + timedelta(days=200)).date(),
            "levels_allowed": [choice for choice, _ in LevelOfStudy.choices],
        },
    )
    for slug, quota in (("warwick", 15), ("aru", 15)):
        CohortPartner.objects.get_or_create(cohort=cohort, partner=partners[slug], defaults={"quota": quota})
    return {"partners": partners, "cohort": cohort}
