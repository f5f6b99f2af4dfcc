"""Reads of equality answers: a student's own response, and coordinators' aggregate reports. No
other app reads EqualityResponse; nothing here hands a response to anyone but its own student."""

from collections import Counter
from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from accounts.permissions import require_or_404
from programmes.admissions.models import Application, ApplicationState
from programmes.cohorts.models import Cohort
from programmes.completion.models import Certificate
from programmes.equality.models import (
    AgeBand,
    Disability,
    EqualityResponse,
    EthnicGroup,
    FirstInFamily,
    Sex,
    YesNo,
    ethnic_group,
)
from programmes.equality.reports import build_table

NO_RESPONSE = ("no_response", "Did not answer the questionnaire")

# (what, heading, choices); "ethnic_group" is counted by the five groups, the detail being too fine
# to survive suppression.
CHARACTERISTICS = [
    ("age_band", "Age", AgeBand),
    ("sex", "Sex", Sex),
    ("gender_same_as_birth", "Gender identity the same as assigned at birth", YesNo),
    ("ethnic_group", "Ethnicity", EthnicGroup),
    ("disability", "Disability", Disability),
    ("first_in_family", "First in family to go to university", FirstInFamily),
    ("care_experienced", "Care experience", YesNo),
]
ANSWER_FIELDS = [name for name, _, _ in CHARACTERISTICS if name != "ethnic_group"] + ["ethnicity"]

OFFERED_STATES = {ApplicationState.OFFERED, ApplicationState.CONFIRMED, ApplicationState.DECLINED}
STAGES = [("applied", "Applied"), ("offered", "Offered"), ("confirmed", "Confirmed"), ("completed", "Completed")]


def submitted_cohort_for(user, cohort_id):
    """The cohort of the student's submitted application, or 404: the questionnaire follows applying."""
    require_or_404(user, "equality.answer_questionnaire")
    application = get_object_or_404(
        Application.objects.select_related("cohort"), cohort_id=cohort_id, student=user, submitted_at__isnull=False
    )
    return application.cohort


def own_response(user, cohort):
    return EqualityResponse.objects.filter(student=user, cohort=cohort).first()


def report_cohorts(user):
    require_or_404(user, "equality.read_reports")
    return Cohort.objects.order_by("-applications_open_at")


@dataclass(frozen=True)
class Characteristic:
    heading: str
    by_stage: object  # reports.Table
    by_university: object  # reports.Table


def _stages_of(state, student_id, completed):
    stages = ["applied"]
    if state in OFFERED_STATES:
        stages.append("offered")
    if state == ApplicationState.CONFIRMED:
        stages.append("confirmed")
    if student_id in completed:
        stages.append("completed")
    return stages


def equality_report(user, cohort_id):
    """Each characteristic by stage and by university, rounded and suppressed (reports.py). Four
    queries, however many people applied."""
    require_or_404(user, "equality.read_reports")
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    applicants = list(
        Application.objects.filter(cohort=cohort, submitted_at__isnull=False).values_list(
            "student_id", "state", "partner__name"
        )
    )
    answers = {
        row["student_id"]: row
        for row in EqualityResponse.objects.filter(cohort=cohort).values("student_id", *ANSWER_FIELDS)
    }
    completed = set(
        Certificate.objects.filter(cohort=cohort, revoked_at__isnull=True).values_list("participant_id", flat=True)
    )
    universities = sorted({name for _, _, name in applicants})
    characteristics = []
    for name, heading, choices in CHARACTERISTICS:
        by_stage, by_university = Counter(), Counter()
        for student_id, state, university in applicants:
            answer = answers.get(student_id)
            if answer is None:
                value = NO_RESPONSE[0]
            elif name == "ethnic_group":
                value = ethnic_group(answer["ethnicity"])
            else:
                value = answer[name]
            for stage in _stages_of(state, student_id, completed):
                by_stage[(value, stage)] += 1
            by_university[(value, university)] += 1
        rows = [*choices.choices, NO_RESPONSE]
        characteristics.append(
            Characteristic(
                heading,
                build_table(rows=rows, columns=STAGES, raw_counts=by_stage, row_totals=False),
                build_table(
                    rows=rows, columns=[(u, u) for u in universities], raw_counts=by_university, row_totals=True
                ),
            )
        )
    return cohort, characteristics
