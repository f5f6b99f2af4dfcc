"""Demo sessions for a cohort: a mix of kinds, in person and online, one for each university.
Idempotent (keyed on cohort and title)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import Role, User
from programmes.admissions.models import InterviewInvitation
from programmes.cohorts.models import Partner, Pathway
from programmes.events.models import Session, SessionFormat, SessionKind
from programmes.events.services import interviews

SESSIONS = [
    {
        # Soon after seeding, so the demo calendar and dashboards have something this week or next.
        "days": 6,
        "at": time(18, 0),
        "hours": 1,
        "kind": SessionKind.NETWORKING,
        "title": "Welcome evening: meet the pilot cohort",
        "description": "Meet the other participants, the Medilink team and your university contacts before the "
        "programme starts.",
        "speakers": "Medilink Midlands programme team",
        "format": SessionFormat.ONLINE,
        "join_url": "https://meet.example.org/ftl-welcome",
        "capacity": 80,
        "pathways": ["regulatory-affairs", "commercialisation", "ai-health-devices", "clinical-nhs"],
    },
    {
        "days": 50,
        "at": time(14, 0),
        "hours": 2,
        "kind": SessionKind.EXPERT_TALK,
        "title": "Getting a medical device to market: UKCA, CE and FDA",
        "description": "How regulatory strategy shapes a device from the first prototype.",
        "speakers": "Dr Priya Shah, Medilink Midlands\nTom Okafor, regulatory consultant",
        "format": SessionFormat.IN_PERSON,
        "venue": "BioCity Nottingham, Seminar Room 2",
        "address": "Pennyfoot Street, Nottingham NG1 1GF",
        "capacity": 30,
        "pathways": ["regulatory-affairs"],
    },
    {
        "days": 57,
        "at": time(12, 30),
        "hours": 1,
        "kind": SessionKind.CAREERS_INSIGHT,
        "title": "Careers in AI-enabled diagnostics",
        "description": "Three people who build imaging and wearable devices talk about their routes in.",
        "speakers": "Lena Fischer, Imaging start-up\nRaj Mehta, NHS clinical scientist",
        "format": SessionFormat.ONLINE,
        "join_url": "https://meet.example.org/ftl-ai-diagnostics",
        "capacity": 60,
        "pathways": ["ai-health-devices", "clinical-nhs"],
    },
    {
        "days": 64,
        "at": time(10, 0),
        "hours": 3,
        "kind": SessionKind.WORKSHOP,
        "title": "Quality management hands-on: ISO 13485",
        "description": "A practical workshop on design controls and risk files.",
        "speakers": "Sarah Lin, Medtech manufacturer",
        "format": SessionFormat.IN_PERSON,
        "venue": "University of Warwick, IMC Building",
        "address": "Gibbet Hill Road, Coventry CV4 7AL",
        "capacity": 12,
        "audience": "warwick",
        "pathways": ["manufacturing-quality"],
    },
    {
        "days": 71,
        "at": time(17, 30),
        "hours": 2,
        "kind": SessionKind.NETWORKING,
        "title": "Cambridge medtech networking evening",
        "description": "Meet local companies and alumni.",
        "format": SessionFormat.IN_PERSON,
        "venue": "Anglia Ruskin University, Cambridge campus",
        "address": "East Road, Cambridge CB1 1PT",
        "capacity": 40,
        "audience": "aru",
        "pathways": ["commercialisation"],
    },
    {
        "days": 57,
        "at": time(18, 0),
        "hours": 1,
        "kind": SessionKind.MENTORING,
        "title": "Mentoring kick-off: meet your industry mentor",
        "description": "Mentors and mentees meet, agree how often to talk and set their first goals.",
        "speakers": "Medilink Midlands programme team",
        "format": SessionFormat.ONLINE,
        "join_url": "https://meet.example.org/ftl-mentoring",
        "capacity": 80,
        "pathways": ["regulatory-affairs", "ai-health-devices", "research-innovation"],
    },
]


def seed(cohort):
    today = timezone.localdate()
    sessions = []
    for data in SESSIONS:
        starts = timezone.make_aware(datetime.combine(today + timedelta(days=data["days"]), data["at"]))
        fields = {
            key: data.get(key, "")
            for key in ("kind", "description", "speakers", "format", "venue", "address", "join_url")
        }
        partner = Partner.objects.filter(slug=data["audience"]).first() if data.get("audience") else None
        session, created = Session.objects.get_or_create(
            cohort=cohort,
            title=data["title"],
            defaults={
                **fields,
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=data["hours"]),
                "capacity": data["capacity"],
                "audience_partner": partner,
            },
        )
        if created:
            session.pathways.set(Pathway.objects.filter(slug__in=data["pathways"]))
        sessions.append(session)
    return sessions


def seed_interviews(cohort):
    """Interview slots for a cohort that interviews (admissions' demo sets it up), online and in
    person, with the first invited applicant booked into one. Once."""
    invitation = (
        InterviewInvitation.objects.filter(application__cohort=cohort).select_related("application__student").first()
    )
    if invitation is None or Session.objects.filter(cohort=cohort, kind=SessionKind.INTERVIEW).exists():
        return
    coordinator = User.objects.filter(is_demo=True, role=Role.COORDINATOR).first()
    day = timezone.localdate() + timedelta(days=4)
    online = interviews.create_slots(
        cohort=cohort,
        actor=coordinator,
        starts_at=timezone.make_aware(datetime.combine(day, time(10, 0))),
        count=4,
        minutes=30,
        format=SessionFormat.ONLINE,
        join_url="https://meet.example.org/ftl-interviews",
    )
    interviews.create_slots(
        cohort=cohort,
        actor=coordinator,
        starts_at=timezone.make_aware(datetime.combine(day + timedelta(days=1), time(14, 0))),
        count=3,
        minutes=30,
        format=SessionFormat.IN_PERSON,
        venue="Medilink Midlands, Meeting Room 1",
        address="BioCity Nottingham, Pennyfoot Street, Nottingham NG1 1GF",
    )
    interviews.book_interview(session=online[1], student=invitation.application.student)
