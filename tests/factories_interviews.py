"""Notes, tags, the shortlist and interviews: a cohort that interviews, its slots and invitations."""

from datetime import timedelta

import factory
from django.utils import timezone

from programmes.admissions.models import (
    SHORTLISTED,
    ApplicationNote,
    ApplicationTag,
    InterviewInvitation,
    InterviewStage,
)
from programmes.events.models import SessionKind
from tests.factories_reviews import SubmittedApplicationFactory, university_in_cohort
from tests.factories_sessions import SessionFactory

INTERVIEW_RUBRIC = [
    {"key": "communication", "label": "Communication", "weight": 2},
    {"key": "fit", "label": "Fit with the programme", "weight": 1},
]


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationNote

    application = factory.SubFactory(SubmittedApplicationFactory)
    text = "Strong CV; ask about the placement year."


def shortlist(application, by=None):
    return ApplicationTag.objects.create(application=application, label=SHORTLISTED, added_by=by)


def interviewing_cohort(**kwargs):
    """A cohort with one partner university and an interview stage."""
    seat = university_in_cohort(**kwargs)
    InterviewStage.objects.create(cohort=seat.cohort, rubric=INTERVIEW_RUBRIC)
    return seat


def invited(seat, **kwargs):
    """A shortlisted application of `seat`'s university, invited to interview."""
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, **kwargs)
    shortlist(application)
    InterviewInvitation.objects.create(application=application)
    return application


class InterviewSlotFactory(SessionFactory):
    kind = SessionKind.INTERVIEW
    title = "Interview"
    capacity = 1
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=5)).replace(second=0, microsecond=0))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(minutes=30))
