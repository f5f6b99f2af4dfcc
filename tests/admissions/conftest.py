import pytest
from django.db import connection


@pytest.fixture
def application_page_queries():
    """The review page's queries, whatever it lists: session, user, the application and its lists, and
    the access event saying who looked. On PostgreSQL the application and its lists are one statement;
    the ORM reads the application (with its student, university, cohort and staged decision), then its
    reviews, history, pathways, notes and tags. The quota and places taken, the cohort's own questions
    and its interview stage come from the cache."""
    return 4 if connection.vendor == "postgresql" else 9
