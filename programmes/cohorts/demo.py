"""Demo data for the programme: partners, pathways and an open pilot cohort. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from programmes.cohorts.models import (
    Cohort,
    CohortPartner,
    CohortStatus,
    FrequentQuestion,
    LevelOfStudy,
    Partner,
    Pathway,
    QualificationLevel,
)

PARTNERS = [
    {
        "slug": "warwick",
        "name": "University of Warwick",
        "short_name": "Warwick",
        "email_domains": ["warwick.ac.uk"],
        "contact_name": "Warwick Careers",
        "contact_email": "careers@warwick.ac.uk",
        "website": "https://warwick.ac.uk/",
    },
    {
        "slug": "aru",
        "name": "Anglia Ruskin University",
        "short_name": "ARU",
        "email_domains": ["aru.ac.uk", "student.aru.ac.uk"],
        "contact_name": "ARU Employability",
        "contact_email": "employability@aru.ac.uk",
        "website": "https://www.aru.ac.uk/",
    },
]

L3, L45, L6, L7, L8 = (level.value for level in QualificationLevel)

PATHWAYS = [
    (
        "regulatory-affairs",
        "Regulatory affairs",
        "Getting medical devices and diagnostics approved and kept on the market (UKCA, CE, FDA).",
        ["Regulatory affairs officer", "Clinical evaluation specialist", "Quality and regulatory manager"],
        [L3, L45, L6, L7],
    ),
    (
        "commercialisation",
        "Commercialisation",
        "Turning research into products: market access, health economics, business development.",
        ["Market access analyst", "Health economist", "Business development manager"],
        [L6, L7, L8],
    ),
    (
        "ai-health-devices",
        "AI-enabled health devices",
        "Wearables, imaging and diagnostics that use machine learning.",
        ["Machine learning engineer", "Medical imaging scientist", "Embedded software engineer"],
        [L45, L6, L7, L8],
    ),
    (
        "research-innovation",
        "R&D and innovation",
        "Designing and testing new devices and therapies.",
        ["Design engineer", "Research scientist", "Innovation manager"],
        [L6, L7, L8],
    ),
    (
        "clinical-nhs",
        "Clinical and NHS",
        "Clinical engineering, evaluation and adoption in the NHS.",
        ["Clinical engineer", "Clinical scientist", "NHS innovation lead"],
        [L3, L45, L6, L7],
    ),
    (
        "manufacturing-quality",
        "Manufacturing and quality",
        "Production, quality management (ISO 13485) and supply chains.",
        ["Manufacturing technician", "Quality engineer", "Supply chain manager"],
        [L3, L45, L6],
    ),
]

PILOT_RUBRIC = [
    {
        "key": "motivation",
        "label": "Motivation and fit with medtech",
        "weight": 3,
        "descriptors": [
            "No reason given for medtech",
            "A general interest, not yet tied to medtech",
            "A clear interest in medtech",
            "A clear interest backed by something they did",
            "Compelling: specific, personal and backed by action",
        ],
    },
    {
        "key": "potential",
        "label": "Career potential and clarity of goals",
        "weight": 2,
        "descriptors": [
            "No goals stated",
            "Vague goals",
            "Goals stated, the route unclear",
            "Clear goals and a plausible route",
            "Clear, ambitious goals with a well-researched route",
        ],
    },
    {"key": "experience", "label": "Relevant study or experience", "weight": 2},
    {"key": "commitment", "label": "Availability and commitment", "weight": 1},
]


def seed():
    partners = {}
    for data in PARTNERS:
        partner, _ = Partner.objects.update_or_create(slug=data["slug"], defaults=data)
        partners[partner.slug] = partner
    for order, (slug, name, summary, roles, levels) in enumerate(PATHWAYS):
        Pathway.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "summary": summary,
                "ordering": order,
                "roles": roles,
                "qualification_levels": levels,
            },
        )
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
            # The pilot takes HTQ, undergraduate and postgraduate students; early-career researchers
            # join a later cohort.
            "levels_allowed": [
                LevelOfStudy.HTQ,
                LevelOfStudy.UNDERGRADUATE,
                LevelOfStudy.MASTERS,
                LevelOfStudy.DOCTORAL,
            ],
            "rubric": PILOT_RUBRIC,
            "offer_response_days": 10,
            "blind_first_review": True,
            "gives_feedback": True,
        },
    )
    for slug, quota in (("warwick", 15), ("aru", 15)):
        CohortPartner.objects.get_or_create(cohort=cohort, partner=partners[slug], defaults={"quota": quota})
    seed_public_page(cohort)
    return {"partners": partners, "cohort": cohort}


PILOT_OFFER = {
    "expert_talk": "Talks by people who build, test and regulate medical devices, with time for your questions.",
    "careers_insight": "What the jobs are really like, how people got them, and the level 4/5 HTQ routes in.",
    "mentoring": "An industry mentor matched to your pathways, for six months of regular conversations.",
    "networking": "Evenings with medtech companies, alumni and the other participants across two regions.",
}

PILOT_QUESTIONS = [
    (
        "Does it cost anything?",
        "No. The programme is free for students of the partner universities; travel to in-person sessions is refunded.",
    ),
    (
        "How much time does it take?",
        "About two evenings a month: a session and a mentor conversation. Most sessions are also online.",
    ),
    (
        "I study biology, not engineering. Can I apply?",
        "Yes. Medtech needs scientists, clinicians, business and regulatory people as well as engineers.",
    ),
    (
        "What do I get at the end?",
        "A certificate from Medilink Midlands and the universities when you complete the sessions, mentor "
        "meetings and end survey.",
    ),
]


def seed_public_page(cohort):
    """The pilot's public page: contact, decisions date, what you get and its questions."""
    Cohort.objects.filter(pk=cohort.pk).update(
        contact_email="ftl@medilinkmidlands.test",
        decisions_by=cohort.applications_close_at.date() + timedelta(days=10),
        offer=PILOT_OFFER,
    )
    for position, (question, answer) in enumerate(PILOT_QUESTIONS):
        FrequentQuestion.objects.update_or_create(
            cohort=cohort, question=question, defaults={"answer": answer, "position": position}
        )
    cohort.refresh_from_db()
