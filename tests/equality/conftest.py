import pytest

from programmes.admissions.models import ApplicationState
from programmes.equality.models import EqualityResponse
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_reviews import SubmittedApplicationFactory, university_in_cohort

# Answers no staff page could show by chance.
DISTINCTIVE = {
    "age_band": "30_over",
    "sex": "other",
    "gender_same_as_birth": "no",
    "ethnicity": "white_traveller",
    "disability": "declared",
    "disability_type": "hearing",
    "first_in_family": "dont_know",
    "care_experienced": "yes",
}
DISTINCTIVE_TEXT = [
    "Gypsy or Irish Traveller",
    "white_traveller",
    "D/deaf",
    "30 and over",
    "Don&#x27;t know",
    "dont_know",
]


@pytest.fixture
def answered(db):
    """A university in a cohort, a submitted application whose student answered distinctively, its
    university's staff and a coordinator."""
    seat = university_in_cohort()
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, state=ApplicationState.OFFERED)
    EqualityResponse.objects.create(student=application.student, cohort=seat.cohort, **DISTINCTIVE)
    return {
        "cohort": seat.cohort,
        "partner": seat.partner,
        "application": application,
        "staff": StaffFactory(partner=seat.partner),
        "coordinator": CoordinatorFactory(),
    }
