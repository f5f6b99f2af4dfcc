import pytest
from django.db import connection

from tests.factories import StaffFactory
from tests.factories_reviews import university_in_cohort


@pytest.fixture
def application_page_queries():
    """The review page's queries, whatever it lists: session, user, the application and its lists, and
    the access event saying who looked. On PostgreSQL the application and its lists are one statement;
    the ORM reads the application (with its student, university, cohort and staged decision), then its
    reviews, history, pathways, notes and tags. The quota and places taken, the cohort's own questions
    and its interview stage come from the cache."""
    return 4 if connection.vendor == "postgresql" else 9


@pytest.fixture
def blind_seat():
    """A university's places in a cohort whose first review is blind."""
    return university_in_cohort(blind_first_review=True)


@pytest.fixture
def blind_seat_staff(blind_seat):
    """A reviewer of that university."""
    return StaffFactory(partner=blind_seat.partner)
