"""A hot pre-written statement run as a PostgreSQL prepared statement: parsed and planned once per
connection, not on every request.

Django's cursors merge the parameters into the text on the client and have PostgreSQL parse and plan
every query afresh. For the review queue's page statement that planning was most of PostgreSQL's
work: 2.5-3.5 ms of its CPU a first page, 0.7-1.3 ms prepared (10,000 applications).

The values stay merged into the text, exactly as Django would send it, so every plan is made for its
own values (one university, one reader, one search), as an unprepared query's is. A statement with
parameters would instead be given, after five runs, one generic plan for any value. psycopg prepares
a text the second time a connection runs it (settings: prepare_threshold), keeps the 100 used most
recently and deallocates the rest, so a one-off search is never prepared. Prepared statements hold
plans, never rows: every run reads the data as it is.

The statement goes through Django's cursor wrapper, so it is logged, counted by the query-count
tests, and its errors are Django's.
"""

import psycopg
from django.db import connection


def fetch_all(sql, params):
    """The rows of one statement, prepared on this connection once it has run here before."""
    connection.ensure_connection()
    raw = connection.connection
    text = psycopg.ClientCursor(raw).mogrify(sql, params)
    if raw.prepare_threshold is None:  # prepared statements are off (FTL_DB_PREPARED_STATEMENTS=0)
        with connection.cursor() as cursor:
            cursor.execute(text)
            return cursor.fetchall()
    # Django's own cursor class binds on the client and never prepares; psycopg's base one may.
    server_cursor = psycopg.Cursor(raw)
    wrapped = (
        connection.make_debug_cursor(server_cursor)
        if connection.queries_logged
        else connection.make_cursor(server_cursor)
    )
    with wrapped as cursor:
        cursor.execute(text)
        return cursor.fetchall()
