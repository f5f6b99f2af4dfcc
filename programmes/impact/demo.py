"""A finished demo cohort, "FTL 2026 pilot, finished", so the impact report has something to show:
two dozen participants of both universities with past sessions (attendance and ratings), start and
end self-assessments, mentor meetings and goals, certificates, consents and 6-month follow-up
answers. Deterministic (a seeded random), fast (bulk_create), and left as it is once it exists.

The demo graduate graduate@warwick.ac.uk (password as every demo account) holds certificate
DEMO_CERTIFICATE_CODE and has not yet been asked for follow-up consent, so their dashboard asks."""

import random
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.demo import demo_password_hash
from accounts.models import Role, User
from mentoring.models import Goal, Match, MatchState, Meeting
from programmes.admissions.models import Application, ApplicationState
from programmes.cohorts.models import Cohort, CohortPartner, CohortStatus, Partner, Pathway
from programmes.completion.assessment import GENERAL_ITEMS
from programmes.completion.models import Certificate, CompletionCriteria, SelfAssessment
from programmes.events.models import Booking, BookingStatus, Feedback, Session, SessionKind
from programmes.impact.models import Destination, FollowUpConsent, FollowUpSurvey, Region

COHORT_SLUG = "ftl-2026-pilot-finished"
STARTS_ON, ENDS_ON = date(2026, 1, 12), date(2026, 5, 29)
DEMO_GRADUATE = "graduate@warwick.ac.uk"
DEMO_CERTIFICATE_CODE = "FTL-PILOT-2026-DEMO"
FIRST = ["Amelia", "Ben", "Chloe", "Dev", "Erin", "Farah", "George", "Hana", "Isaac", "Jade", "Kofi", "Lucy"]
LAST = ["Adams", "Bhatt", "Clarke", "Dlamini", "Edwards", "Fraser", "Gill", "Hall", "Iqbal", "Jones", "Khan", "Lewis"]
SESSIONS = [
    (SessionKind.EXPERT_TALK, "How a device reaches the clinic"),
    (SessionKind.CAREERS_INSIGHT, "Careers in regulatory affairs"),
    (SessionKind.WORKSHOP, "Writing a medtech CV"),
    (SessionKind.NETWORKING, "Meet the Midlands medtech cluster"),
    (SessionKind.EXPERT_TALK, "AI in diagnostics: what is real"),
    (SessionKind.CAREERS_INSIGHT, "Working in the NHS innovation pathway"),
    (SessionKind.WORKSHOP, "Quality systems in an afternoon"),
    (SessionKind.NETWORKING, "Showcase and celebration"),
]
ROLES = ["Regulatory affairs assistant", "Quality engineer", "Graduate data scientist", "Clinical engineer trainee"]
PER_UNIVERSITY = 12


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _participants(partners, password_hash):
    """(user, partner) for 12 participants per university; the first Warwick one is the demo graduate."""
    people = []
    for p_index, partner in enumerate(partners):
        for n in range(PER_UNIVERSITY):
            first, last = FIRST[n], LAST[(n + 5 * p_index) % len(LAST)]
            email = f"{first}.{last}.pilot@{partner.email_domains[0]}".lower()
            if p_index == 0 and n == 0:
                email, first, last = DEMO_GRADUATE, "Gabriel", "Green"
            people.append((User(email=email, full_name=f"{first} {last}", role=Role.STUDENT, is_demo=True,
                                password=password_hash), partner))  # fmt: skip
    User.objects.bulk_create([user for user, _ in people])
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user, _ in people]
    )
    return people


def seed():
    if Cohort.objects.filter(slug=COHORT_SLUG).exists():
        return None
    rng = random.Random(2026)
    partners = list(Partner.objects.filter(slug__in=["warwick", "aru"]).order_by("-slug"))
    pathways = list(Pathway.objects.order_by("ordering", "name"))
    mentors = list(User.objects.filter(role=Role.MENTOR, is_demo=True).order_by("id"))
    cohort = Cohort.objects.create(
        name="FTL 2026 pilot, finished",
        slug=COHORT_SLUG,
        summary="The first pilot cohort, January to May 2026: finished, with follow-up under way.",
        status=CohortStatus.FINISHED,
        applications_open_at=_at(date(2025, 10, 1), 9),
        applications_close_at=_at(date(2025, 11, 30), 23),
        programme_starts_on=STARTS_ON,
        programme_ends_on=ENDS_ON,
    )
    CohortPartner.objects.bulk_create([CohortPartner(cohort=cohort, partner=p, quota=15) for p in partners])
    CompletionCriteria.objects.create(cohort=cohort, sessions_attended=4, mentor_meetings=2)
    people = _participants(partners, demo_password_hash())
    submitted = _at(date(2025, 11, 20), 12)
    # The applicants who did not take part: offered but declined, not offered, withdrawn.
    unplaced = [ApplicationState.DECLINED, ApplicationState.REJECTED, ApplicationState.REJECTED]
    Application.objects.bulk_create(
        [
            Application(cohort=cohort, student=user, student_name=user.full_name, partner=partner,
                        state=ApplicationState.CONFIRMED, level_of_study="ug", course="BSc Biomedical Science",
                        submitted_at=submitted, consent_given_at=submitted)
            for user, partner in people
        ]
    )  # fmt: skip
    others = User.objects.bulk_create(
        [User(email=f"applicant{n}.pilot@aru.ac.uk", full_name=f"Pilot Applicant {n}", role=Role.STUDENT,
              is_demo=True, password="!") for n in range(len(unplaced))]
    )  # fmt: skip
    Application.objects.bulk_create(
        [
            Application(
                cohort=cohort,
                student=user,
                student_name=user.full_name,
                partner=partners[1],
                state=state,
                submitted_at=submitted,
            )
            for user, state in zip(others, unplaced, strict=True)
        ]
    )
    sessions = Session.objects.bulk_create(
        [
            Session(cohort=cohort, kind=kind, title=title, starts_at=_at(STARTS_ON + timedelta(weeks=2 * n), 14),
                    ends_at=_at(STARTS_ON + timedelta(weeks=2 * n), 16), venue="BioCity Nottingham",
                    capacity=40, seats_taken=0)
            for n, (kind, title) in enumerate(SESSIONS)
        ]
    )  # fmt: skip
    _activity(rng, cohort, people, sessions, pathways, mentors)
    return cohort


def _activity(rng, cohort, people, sessions, pathways, mentors):
    bookings, feedback, assessments, certificates, consents, surveys = [], [], [], [], [], []
    items = [item.key for item in GENERAL_ITEMS] + [f"pathway:{p.slug}" for p in pathways[:3]]
    for index, (user, _partner) in enumerate(people):
        keen = index % 6 != 5  # one in six drifts away: fewer sessions, no certificate
        attended = 0
        for session in sessions:
            if rng.random() < (0.85 if keen else 0.35):
                came = rng.random() < 0.9
                attended += came
                bookings.append(Booking(session=session, participant=user, seated_at=session.starts_at,
                                        status=BookingStatus.ATTENDED if came else BookingStatus.NO_SHOW))  # fmt: skip
                if came and rng.random() < 0.6:
                    feedback.append(Feedback(session=session, participant=user, rating=rng.choice([3, 4, 4, 5, 5])))
        start = {key: rng.randint(1, 3) for key in items}
        assessments.append(SelfAssessment(participant=user, cohort=cohort, stage="start", answers=start))
        if keen:
            end = {key: min(5, value + rng.randint(0, 2)) for key, value in start.items()}
            assessments.append(SelfAssessment(participant=user, cohort=cohort, stage="end", answers=end))
        if keen and attended >= 4:
            code = DEMO_CERTIFICATE_CODE if user.email == DEMO_GRADUATE else None
            certificates.append(
                Certificate(participant=user, cohort=cohort, sessions_attended=attended, mentoring_minutes=120,
                            pathways=[p.name for p in pathways[:2]], **({"code": code} if code else {}))
            )  # fmt: skip
            if user.email != DEMO_GRADUATE and rng.random() < 0.8:
                consents.append(FollowUpConsent(participant=user, cohort=cohort, consented_at=_at(ENDS_ON, 17)))
                surveys.append(_six_month_survey(rng, user, cohort, pathways))
    Booking.objects.bulk_create(bookings)
    for session in sessions:
        session.seats_taken = sum(1 for b in bookings if b.session is session)
    Session.objects.bulk_update(sessions, ["seats_taken"])
    Feedback.objects.bulk_create(feedback)
    SelfAssessment.objects.bulk_create(assessments)
    Certificate.objects.bulk_create(certificates)
    FollowUpConsent.objects.bulk_create(consents)
    FollowUpSurvey.objects.bulk_create(surveys)
    _mentoring(rng, cohort, people, mentors)


def _six_month_survey(rng, user, cohort, pathways):
    sent = _at(ENDS_ON + timedelta(days=183), 9)
    survey = FollowUpSurvey(participant=user, cohort=cohort, months=6, sent_at=sent)
    if rng.random() < 0.7:
        survey.answered_at = sent + timedelta(days=rng.randint(1, 10))
        survey.destination = rng.choice(
            [Destination.LIFE_SCIENCES, Destination.LIFE_SCIENCES, Destination.FURTHER_STUDY, Destination.HTQ,
             Destination.OTHER]
        )  # fmt: skip
        survey.region = rng.choice(
            [Region.WEST_MIDLANDS, Region.EAST_MIDLANDS, Region.EAST_OF_ENGLAND, Region.ELSEWHERE_UK, Region.OUTSIDE_UK]
        )
        if survey.destination == Destination.LIFE_SCIENCES:
            survey.role, survey.pathway = rng.choice(ROLES), rng.choice(pathways) if pathways else None
    return survey


def _mentoring(rng, cohort, people, mentors):
    if not mentors:
        return
    matches = Match.objects.bulk_create(
        [
            Match(
                cohort=cohort,
                student=user,
                mentor=mentors[n % len(mentors)],
                state=MatchState.ENDED,
                score=70,
                closed_at=_at(ENDS_ON, 18),
            )
            for n, (user, _) in enumerate(people)
        ]
    )
    meetings, goals = [], []
    for match in matches:
        for k in range(rng.randint(1, 4)):
            meetings.append(Meeting(match=match, met_on=STARTS_ON + timedelta(weeks=3 * k + 1), topic="Next steps",
                                    duration_minutes=rng.choice([30, 45, 60, 60, 90])))  # fmt: skip
        goals.append(Goal(match=match, text="A CV a medtech employer would read", met_at=_at(ENDS_ON, 12)))
        goals.append(Goal(match=match, text="Two informational interviews",
                          met_at=_at(ENDS_ON, 12) if rng.random() < 0.5 else None))  # fmt: skip
    Meeting.objects.bulk_create(meetings)
    Goal.objects.bulk_create(goals)
