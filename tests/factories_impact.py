"""A finished cohort with participants who did everything the impact report counts."""

from datetime import date, timedelta

from django.utils import timezone

from programmes.admissions.models import ApplicationState
from programmes.completion.models import Certificate, SelfAssessment
from programmes.events.models import BookingStatus, Feedback
from programmes.impact.models import Destination, FollowUpConsent, FollowUpSurvey, Region
from tests.factories import ApplicationFactory, CohortFactory, CohortPartnerFactory, PartnerFactory
from tests.factories_mentoring import MatchFactory, MeetingFactory
from tests.factories_sessions import BookingFactory, SessionFactory


def finished_cohort(**kwargs):
    return CohortFactory(
        programme_starts_on=kwargs.pop("starts_on", date(2026, 1, 12)),
        programme_ends_on=kwargs.pop("ends_on", date(2026, 5, 29)),
        **kwargs,
    )


def full_participant(cohort, partner, session, *, start=2, end=4, answered=True):
    """Confirmed, attended `session` and rated it, met a mentor, self-assessed twice, certified,
    consented and answered the 6-month survey (in a life-sciences role in the West Midlands)."""
    CohortPartnerFactory._meta.model.objects.get_or_create(cohort=cohort, partner=partner)
    student = ApplicationFactory(cohort=cohort, partner=partner, state=ApplicationState.CONFIRMED).student
    BookingFactory(session=session, participant=student, status=BookingStatus.ATTENDED)
    Feedback.objects.create(session=session, participant=student, rating=4)
    match = MatchFactory(cohort=cohort, student=student)
    MeetingFactory(match=match, duration_minutes=90)
    match.goals.create(text="Write a CV", met_at=timezone.now())
    SelfAssessment.objects.create(participant=student, cohort=cohort, stage="start", answers={"next_step": start})
    SelfAssessment.objects.create(participant=student, cohort=cohort, stage="end", answers={"next_step": end})
    Certificate.objects.create(participant=student, cohort=cohort, sessions_attended=1, mentoring_minutes=90)
    FollowUpConsent.objects.create(participant=student, cohort=cohort, consented_at=timezone.now())
    FollowUpSurvey.objects.create(
        participant=student,
        cohort=cohort,
        months=6,
        sent_at=timezone.now() - timedelta(days=3),
        answered_at=timezone.now() if answered else None,
        destination=Destination.LIFE_SCIENCES if answered else "",
        region=Region.WEST_MIDLANDS if answered else "",
    )
    return student


def cohort_with_participants(n, partner=None):
    cohort = finished_cohort()
    partner = partner or PartnerFactory()
    session = SessionFactory(cohort=cohort, capacity=n + 5, starts_at=timezone.now() - timedelta(days=200))
    return cohort, partner, [full_participant(cohort, partner, session) for _ in range(n)]
