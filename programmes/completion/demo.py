"""Completion's part of seed_demo: criteria for the pilot cohort, and the demo confirmed student
(student@aru.ac.uk) part of the way there: a welcome evening attended and the start self-assessment
answered. Idempotent."""

from datetime import datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from accounts.models import User
from programmes.events.models import Booking, BookingStatus, Session, SessionKind

from .models import AssessmentStage, CompletionCriteria, SelfAssessment
from .selectors import assessment_items

DEMO_PARTICIPANT = "student@aru.ac.uk"


def seed(cohort):
    CompletionCriteria.objects.get_or_create(
        cohort=cohort,
        defaults={"sessions_attended": 4, "sessions_by_kind": {SessionKind.CAREERS_INSIGHT: 1}, "mentor_meetings": 2},
    )
    student = User.objects.filter(email=DEMO_PARTICIPANT).first()
    if student is None:
        return
    starts = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=3), time(18, 0)))
    welcome, _ = Session.objects.get_or_create(
        cohort=cohort,
        title="Welcome evening: meet your cohort",
        defaults={
            "kind": SessionKind.NETWORKING,
            "description": "Meet the other participants, the partner universities and Medilink Midlands.",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "venue": "BioCity Nottingham",
            "capacity": 40,
        },
    )
    _, created = Booking.objects.get_or_create(
        session=welcome, participant=student, defaults={"status": BookingStatus.ATTENDED, "seated_at": starts}
    )
    if created:
        Session.objects.filter(pk=welcome.pk).update(seats_taken=F("seats_taken") + 1)
    SelfAssessment.objects.get_or_create(
        participant=student,
        cohort=cohort,
        stage=AssessmentStage.START,
        defaults={"answers": {item.key: 2 for item in assessment_items()}},
    )
