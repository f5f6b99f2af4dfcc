"""PostgreSQL knows that a cohort's applications and their states go together (migration 0010):
without it, a finished cohort's confirmed participants among an open cohort's many submitted
applications came out at a small fraction of their number, and the impact report's counts over
their bookings ran as nested loops."""

import json

import pytest
from django.db import connection

from accounts.models import Role, User
from programmes.admissions.models import Application, ApplicationState
from tests.factories import CohortFactory, PartnerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

FINISHED, OPEN = 200, 2000


def _applications(cohort, partner, state, count, offset):
    students = User.objects.bulk_create(
        User(email=f"s{offset + n}@example.ac.uk", role=Role.STUDENT, password="!") for n in range(count)
    )
    Application.objects.bulk_create(
        Application(cohort=cohort, partner=partner, student=student, state=state, course="Physics")
        for student in students
    )


def _estimated_rows(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]


def test_a_finished_cohorts_confirmed_participants_are_estimated_near_their_number():
    partner, finished, still_open = PartnerFactory(), CohortFactory(), CohortFactory()
    _applications(finished, partner, ApplicationState.CONFIRMED, FINISHED, 0)
    _applications(still_open, partner, ApplicationState.SUBMITTED, OPEN, FINISHED)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE admissions_application")

    participants = Application.objects.filter(cohort=finished, state=ApplicationState.CONFIRMED)

    assert participants.count() == FINISHED
    # Taken as independent, the two columns give 200/2,200 of 200/2,200 of the rows: about 18.
    assert _estimated_rows(participants) >= FINISHED / 2
