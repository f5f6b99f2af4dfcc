"""The review queue's pre-written statement is prepared on PostgreSQL once a connection has run it
before, holds plans and never rows, and is not prepared when prepared statements are off."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from tests.factories import StaffFactory, StudentFactory
from tests.factories_reviews import SubmittedApplicationFactory, university_in_cohort
from tests.portal.test_production_settings import run

QUEUE_STATEMENT = "WITH matches AS"


@pytest.fixture
def reviewer(client):
    seat = university_in_cohort()
    for name in ("Rosalind Franklin", "Ada Lovelace"):
        SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, student=StudentFactory(full_name=name))
    staff = StaffFactory(partner=seat.partner)
    client.force_login(staff)
    return staff


def queue_statements_prepared():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall() if QUEUE_STATEMENT in statement]


def queue(client):
    """The queue's table (the page around it carries a fresh CSRF token each time)."""
    response = client.get(reverse("review_queue"))
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index("<tbody>") : page.index("</tbody>")]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_queue_statement_is_prepared_the_second_time_a_connection_runs_it(client, reviewer):
    first = queue(client)
    assert "Rosalind Franklin" in first and "Ada Lovelace" in first
    assert queue_statements_prepared() == []  # a one-off page is never prepared
    assert queue(client) == first
    assert len(queue_statements_prepared()) == 1
    with CaptureQueriesContext(connection) as captured:
        assert queue(client) == first  # run from the prepared statement
    assert len(queue_statements_prepared()) == 1
    # Logged as it was sent: after a prepared run psycopg's cursor keeps no query to ask for.
    assert [q["sql"] for q in captured.captured_queries if QUEUE_STATEMENT in (q["sql"] or "")] != []
    assert all(q["sql"] for q in captured.captured_queries)


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_queue_statement_is_prepared_however_many_other_queries_ran_between(client, reviewer):
    """psycopg's own count of texts run is shared with Django's queries (their values are in their
    texts): 150 of them between two queue pages made it forget the queue's."""
    first = queue(client)
    for pk in range(150):
        User.objects.filter(pk=-pk).exists()
    assert queue(client) == first
    assert len(queue_statements_prepared()) == 1


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_prepared_queue_reads_the_data_as_it_is_now(client, reviewer):
    queue(client), queue(client)
    assert len(queue_statements_prepared()) == 1
    User.objects.filter(full_name="Ada Lovelace").update(full_name="Dorothy Hodgkin")
    page = queue(client)
    assert "Dorothy Hodgkin" in page and "Ada Lovelace" not in page


@pytest.mark.postgres
@pytest.mark.django_db
def test_with_prepared_statements_off_nothing_is_prepared(client, reviewer, monkeypatch):
    connection.ensure_connection()
    monkeypatch.setattr(connection.connection, "prepare_threshold", None)
    pages = {queue(client) for _ in range(3)}
    assert len(pages) == 1 and "Rosalind Franklin" in pages.pop()
    assert queue_statements_prepared() == []


def test_the_settings_prepare_on_postgresql_unless_turned_off():
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['OPTIONS'].get('prepare_threshold'))"
    )
    url = "postgres://postgres@127.0.0.1:5432/unused"
    found = [
        run(["-c", probe], DJANGO_SETTINGS_MODULE="ftl_portal.settings", DATABASE_URL=db, **switch).stdout.split()[-1]
        for db, switch in ((url, {}), (url, {"FTL_DB_PREPARED_STATEMENTS": "0"}), (None, {}))
    ]
    assert found == ["5", "None", "None"]
