"""Demo equality answers: most of the cohort's applicants answer, with varied answers from a fixed
seed, so the coordinator's report shows rounded counts and suppressed cells. Idempotent."""

import random

from programmes.admissions.models import Application
from programmes.equality.models import (
    AgeBand,
    Disability,
    EqualityResponse,
    Ethnicity,
    FirstInFamily,
    Sex,
    YesNo,
)

CHOICES = {
    "age_band": AgeBand.values,
    "sex": Sex.values,
    "gender_same_as_birth": YesNo.values,
    "ethnicity": Ethnicity.values,
    "disability": Disability.values,
    "first_in_family": FirstInFamily.values,
    "care_experienced": YesNo.values,
}


def seed(cohort):
    pick = random.Random(13)
    applicants = Application.objects.filter(cohort=cohort, submitted_at__isnull=False).order_by("pk")
    for application in applicants:
        answers = {name: pick.choice(values) for name, values in CHOICES.items()}
        if pick.random() < 0.8:  # some applicants leave the questionnaire unanswered
            EqualityResponse.objects.update_or_create(student=application.student, cohort=cohort, defaults=answers)
