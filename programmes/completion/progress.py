"""How far each participant of a cohort is towards completion, computed for the whole cohort in a
fixed number of queries (one per kind of evidence), so the cohort page costs the same for 1 or 200.

Evidence: attended and no-show bookings of the cohort's sessions, meetings of the participant's
matches in the cohort, their self-assessments, their certificate."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from mentoring.models import Match, MatchState, Meeting
from programmes.admissions.models import Application, ApplicationState
from programmes.events.models import Booking, BookingStatus, SessionKind

from .models import AssessmentStage, Certificate, CompletionCriteria, SelfAssessment

NO_SHOWS_AT_RISK = 2
DAYS_WITHOUT_MEETING_AT_RISK = 21
KIND_LABELS = dict(SessionKind.choices)


def criteria_for(cohort):
    """The cohort's criteria, or the defaults (unsaved) when a coordinator has set none."""
    try:
        return cohort.completion_criteria
    except CompletionCriteria.DoesNotExist:
        return CompletionCriteria(cohort=cohort)


@dataclass
class Requirement:
    label: str
    done: int
    needed: int

    @property
    def met(self):
        return self.done >= self.needed


@dataclass
class Progress:
    participant: object
    application: object
    attended: int = 0
    attended_by_kind: dict = field(default_factory=dict)
    no_shows: int = 0
    meetings: int = 0
    mentoring_minutes: int = 0
    has_match: bool = False
    last_contact: date | None = None  # the last meeting, or the match's start when none yet
    stages: set = field(default_factory=set)
    pathways: set = field(default_factory=set)
    certificate: object = None
    requirements: list = field(default_factory=list)
    at_risk_reasons: list = field(default_factory=list)

    @property
    def complete(self):
        return all(r.met for r in self.requirements)

    @property
    def at_risk(self):
        return bool(self.at_risk_reasons)

    @property
    def left(self):
        return [r for r in self.requirements if not r.met]

    @property
    def mentoring_hours(self):
        return round(self.mentoring_minutes / 60, 1)


def _requirements(progress, criteria):
    reqs = [Requirement("Sessions attended", progress.attended, criteria.sessions_attended)]
    for kind, needed in sorted(criteria.sessions_by_kind.items()):
        if needed:
            label = f"{KIND_LABELS.get(kind, kind)} sessions attended"
            reqs.append(Requirement(label, progress.attended_by_kind.get(kind, 0), needed))
    if criteria.mentor_meetings:
        reqs.append(Requirement("Mentor meetings logged", progress.meetings, criteria.mentor_meetings))
    if criteria.end_survey:
        reqs.append(Requirement("End-of-programme self-assessment", int(AssessmentStage.END in progress.stages), 1))
    return reqs


def _risks(progress, today):
    reasons = []
    if progress.no_shows >= NO_SHOWS_AT_RISK:
        reasons.append(f"missed {progress.no_shows} sessions")
    if progress.has_match and progress.last_contact:
        days = (today - progress.last_contact).days
        if days >= DAYS_WITHOUT_MEETING_AT_RISK:
            reasons.append(f"no mentor meeting for {days} days")
    return reasons


def progress_of(*, cohort, participant_ids=None, now=None):
    """{participant id: Progress} for the cohort's participants (students with a confirmed place),
    or only those among `participant_ids`."""
    today = timezone.localdate(now or timezone.now())
    criteria = criteria_for(cohort)
    applications = Application.objects.filter(cohort=cohort, state=ApplicationState.CONFIRMED)
    if participant_ids is not None:
        applications = applications.filter(student_id__in=participant_ids)
    applications = applications.select_related("student", "partner").prefetch_related("pathways")
    applications = applications.order_by("partner__name", "student__full_name", "student__email")
    rows = {a.student_id: Progress(participant=a.student, application=a) for a in applications}
    ids = list(rows)
    if not ids:
        return rows
    for row in rows.values():
        row.pathways = {p.name for p in row.application.pathways.all()}

    # An interview before the place was offered is selection, not the programme: it never counts.
    bookings = (
        Booking.objects.filter(
            session__cohort=cohort, participant_id__in=ids, status__in=[BookingStatus.ATTENDED, BookingStatus.NO_SHOW]
        )
        .exclude(session__kind=SessionKind.INTERVIEW)
        .values_list("participant_id", "status", "session__kind")
    )
    for participant_id, status, kind in bookings:
        row = rows[participant_id]
        if status == BookingStatus.NO_SHOW:
            row.no_shows += 1
        else:
            row.attended += 1
            row.attended_by_kind[kind] = row.attended_by_kind.get(kind, 0) + 1
    attended_pathways = Booking.objects.filter(
        session__cohort=cohort, participant_id__in=ids, status=BookingStatus.ATTENDED, session__pathways__isnull=False
    ).values_list("participant_id", "session__pathways__name")
    for participant_id, name in attended_pathways:
        rows[participant_id].pathways.add(name)

    for student_id, state, created_at in Match.objects.filter(cohort=cohort, student_id__in=ids).values_list(
        "student_id", "state", "created_at"
    ):
        if state == MatchState.ACTIVE:
            rows[student_id].has_match = True
            rows[student_id].last_contact = timezone.localdate(created_at)
    meetings = defaultdict(list)
    for student_id, met_on, minutes in Meeting.objects.filter(
        match__cohort=cohort, match__student_id__in=ids
    ).values_list("match__student_id", "met_on", "duration_minutes"):
        meetings[student_id].append((met_on, minutes or 0))
    for student_id, held in meetings.items():
        row = rows[student_id]
        row.meetings = len(held)
        row.mentoring_minutes = sum(minutes for _, minutes in held)
        if row.has_match:
            row.last_contact = max(met_on for met_on, _ in held)

    for participant_id, stage in SelfAssessment.objects.filter(cohort=cohort, participant_id__in=ids).values_list(
        "participant_id", "stage"
    ):
        rows[participant_id].stages.add(stage)
    for certificate in Certificate.objects.filter(cohort=cohort, participant_id__in=ids):
        rows[certificate.participant_id].certificate = certificate

    for row in rows.values():
        row.requirements = _requirements(row, criteria)
        row.at_risk_reasons = _risks(row, today)
    return rows


def end_stage_opens_on(cohort):
    return cohort.programme_ends_on - timedelta(days=14)
