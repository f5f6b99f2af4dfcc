"""Demo mentors with complete profiles, and a running demo cohort whose confirmed students have
mentoring preferences, so a coordinator can run matching straight away; two published pairs show
mentoring under way (goals, meetings with their lengths) and a quiet pair the coordinator is told of;
a pin that overrides the mode and time rules shows on the next run and asks to be accepted before publishing.
Idempotent."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.demo import create_demo_user
from accounts.models import Role, User
from programmes.admissions.models import Application, ApplicationState
from programmes.cohorts.models import Cohort, CohortStatus, Partner, Pathway

from .models import Goal, Match, MatchState, Meeting, MentoringPreference, MentorProfile, PairRule, RuleKind

MENTORS = [
    # email, name, organisation, role, sector, seniority, pathways, capacity, mode, regions, times
    ("mentor@medtech.test", "Mo Mentor", "Midlands Medical Devices", "Head of Regulatory Affairs", "devices", 3,
     ["regulatory-affairs", "manufacturing-quality"], 3, "either", ["west_midlands"], ["tue_eve", "thu_eve"]),
    ("priya.shah@medtech.test", "Priya Shah", "Nottingham Diagnostics", "Product Manager", "diagnostics", 2,
     ["commercialisation", "ai-health-devices"], 2, "online", [], ["mon_eve", "wed_day"]),
    ("tom.okafor@medtech.test", "Tom Okafor", "Coventry Wearables", "Lead Data Scientist", "digital", 3,
     ["ai-health-devices", "research-innovation"], 2, "online", [], ["tue_eve", "fri_day"]),
    ("helen.ward@medtech.test", "Helen Ward", "University Hospitals Birmingham", "Clinical Engineer", "nhs", 4,
     ["clinical-nhs", "research-innovation"], 1, "in_person", ["west_midlands"], ["wed_eve"]),
    ("raj.mistry@medtech.test", "Raj Mistry", "Cambridge BioPharma", "Quality Assurance Manager", "pharma", 2,
     ["manufacturing-quality", "regulatory-affairs"], 2, "either", ["east"], ["mon_day", "thu_eve"]),
]  # fmt: skip

MENTEES = [
    ("mentee.one@warwick.ac.uk", "Ellie Brooks", "warwick", ["regulatory-affairs"], "ug", "online", ["tue_eve"]),
    ("mentee.two@warwick.ac.uk", "Kwame Asante", "warwick", ["ai-health-devices"], "pgt", "online", ["tue_eve"]),
    ("mentee.three@aru.ac.uk", "Sophie Turner", "aru", ["manufacturing-quality"], "htq", "either", ["thu_eve"]),
    ("mentee.four@aru.ac.uk", "Imran Hussain", "aru", ["commercialisation"], "ug", "online", ["mon_eve"]),
    ("mentee.five@warwick.ac.uk", "Grace Lee", "warwick", ["clinical-nhs"], "pgr", "in_person", ["wed_eve"]),
]

HOME_REGIONS = {"warwick": "west_midlands", "aru": "east"}

# Published pairs: mentee, mentor, days since matched, meetings (days ago, topic, minutes),
# goals (text, confirmed, met).
PAIRS = [
    ("mentee.one@warwick.ac.uk", "mentor@medtech.test", 28,
     [(25, "First meeting: goals and the regulatory landscape", 60), (14, "CV and cover letter review", 45),
      (6, "Mock interview for a QA internship", 90)],
     [("Apply to three regulatory affairs placements", True, True),
      ("Understand the UK MDR and CE/UKCA marking", True, False),
      ("Build a network of five medtech contacts", False, False)]),
    ("mentee.four@aru.ac.uk", "priya.shah@medtech.test", 30, [], []),
]  # fmt: skip


def _user(email, name, role):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = create_demo_user(email, full_name=name, role=role)
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def seed():
    areas = {a.slug: a for a in Pathway.objects.all()}
    for email, name, org, title, sector, seniority, paths, capacity, mode, regions, times in MENTORS:
        user = _user(email, name, Role.MENTOR)
        profile, _ = MentorProfile.objects.update_or_create(
            user=user,
            defaults={
                "organisation": org,
                "job_title": title,
                "sector": sector,
                "seniority": seniority,
                "capacity": capacity,
                "mode": mode,
                "regions": regions,
                "times": times,
                "bio": f"{title} at {org}; happy to talk careers in medtech.",
            },
        )
        profile.pathways.set([areas[p] for p in paths if p in areas])
    now = timezone.now()
    cohort, _ = Cohort.objects.get_or_create(
        slug="mentoring-demo-2026",
        defaults={
            "name": "FTL mentoring demo cohort",
            "status": CohortStatus.RUNNING,
            "applications_open_at": now - timedelta(days=90),
            "applications_close_at": now - timedelta(days=60),
            "programme_starts_on": (now - timedelta(days=30)).date(),
            "programme_ends_on": (now + timedelta(days=150)).date(),
        },
    )
    partners = {p.slug: p for p in Partner.objects.all()}
    for email, name, partner, paths, level, mode, times in MENTEES:
        student = _user(email, name, Role.STUDENT)
        Application.objects.get_or_create(
            cohort=cohort,
            student=student,
            defaults={"partner": partners[partner], "state": ApplicationState.CONFIRMED, "level_of_study": level},
        )
        preference, _ = MentoringPreference.objects.update_or_create(
            student=student,
            defaults={
                "mode": mode,
                "times": times,
                "region": HOME_REGIONS[partner],
                "goals": "Find my first role in medtech.",
            },
        )
        preference.pathways.set([areas[p] for p in paths if p in areas])
    for pair in PAIRS:
        _seed_pair(cohort, now, *pair)
    # Kwame meets online on Tuesdays, Helen in person on Wednesdays: the pin overrides both rules, and says so.
    PairRule.objects.get_or_create(
        cohort=cohort,
        student=User.objects.get(email="mentee.two@warwick.ac.uk"),
        mentor=User.objects.get(email="helen.ward@medtech.test"),
        defaults={"kind": RuleKind.PIN, "reason": "Demo: Kwame asked for Helen after her careers talk."},
    )
    return cohort


def _seed_pair(cohort, now, student_email, mentor_email, days_ago, meetings, goals):
    student, mentor = User.objects.get(email=student_email), User.objects.get(email=mentor_email)
    match, created = Match.objects.get_or_create(
        cohort=cohort,
        student=student,
        state=MatchState.ACTIVE,
        defaults={"mentor": mentor, "score": 80.0, "explanation": "Demo pair: shared pathway and evening times."},
    )
    if not created:
        return
    Match.objects.filter(pk=match.pk).update(created_at=now - timedelta(days=days_ago))
    for ago, topic, minutes in meetings:
        Meeting.objects.create(
            match=match,
            met_on=(now - timedelta(days=ago)).date(),
            topic=topic,
            duration_minutes=minutes,
            notes="Demo notes, private to the pair.",
            logged_by=student,
        )
    first_meeting = now - timedelta(days=meetings[0][0] if meetings else days_ago)
    for text, confirmed, met in goals:
        Goal.objects.create(
            match=match,
            text=text,
            confirmed_at=first_meeting if confirmed else None,
            met_at=now - timedelta(days=6) if met else None,
        )
