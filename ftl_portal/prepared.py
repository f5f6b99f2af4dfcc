"""A hot pre-written statement run as a PostgreSQL prepared statement: parsed and planned once per
connection, not on every request.

Django's cursors merge the parameters into the text on the client and have PostgreSQL parse and plan
every query afresh. For the review queue's page statement that planning was most of PostgreSQL's
work: 2.5-3.5 ms of its CPU a first page, 0.7-1.3 ms prepared (10,000 applications).

The values stay merged into the text, exactly as Django would send it, so every plan is made for its
own values (one university, one reader, one search), as an unprepared query's is. A statement with
parameters would instead be given, after five runs, one generic plan for any value.

A text is prepared the second time its connection runs it, so a one-off search never is. The texts
run are remembered here, per connection: psycopg's own count is shared with every query Django sends,
whose texts carry their values, and would forget ours within a few requests. psycopg keeps the 100
statements prepared most recently and deallocates the rest. Prepared statements hold plans, never rows:
every run reads the data as it is.

The statement goes through Django's cursor wrapper, so it is logged, counted by the query-count
tests, and its errors are Django's.
"""

import weakref
from collections import OrderedDict

import psycopg
from django.db import connection
from django.db.backends.utils import CursorDebugWrapper

REMEMBERED_PER_CONNECTION = 500
_run = weakref.WeakKeyDictionary()  # psycopg connection -> the texts it has run


class _PreparingCursor(psycopg.Cursor):
    """psycopg's base cursor binds on the server and may prepare (Django's own never does); this one is
    told whether to, since Django's wrapper calls execute() without psycopg's arguments.

    Its results come in PostgreSQL's binary format, the same values read in C: a queue page's 25 rows,
    with their arrays and dates, took 0.44 ms of Python as text and 0.18 so (fetch_all, 10,000
    applications). A jsonb column itself would come back decoded, where Django's JSONField expects its
    text: the statements read rows as row_to_json's json, which both formats decode."""

    def __init__(self, raw, *, prepare):
        super().__init__(raw)
        self.prepare = prepare

    def execute(self, query, params=None, **options):
        return super().execute(query, params, **{**options, "prepare": self.prepare, "binary": True})


class _DebugWrapper(CursorDebugWrapper):
    """Logs the text as it was sent. Django's own wrapper asks the cursor what it ran, and after a
    prepared run psycopg's cursor keeps no query, so it logged None."""

    def execute(self, sql, params=None):
        with self.debug_sql(sql, params, use_last_executed_query=False):
            return super(CursorDebugWrapper, self).execute(sql, params)


def table(model):
    """The model's table name, quoted, for a pre-written statement's text."""
    return connection.ops.quote_name(model._meta.db_table)


def fetch_all(sql, params):
    """The rows of one statement, prepared on this connection once it has run here before."""
    connection.ensure_connection()
    raw = connection.connection
    text = psycopg.ClientCursor(raw).mogrify(sql, params)
    if raw.prepare_threshold is None:  # prepared statements are off (FTL_DB_PREPARED_STATEMENTS=0)
        with connection.cursor() as cursor:
            cursor.execute(text)
            return cursor.fetchall()
    cursor = _PreparingCursor(raw, prepare=_ran_before(raw, text))
    wrapped = _DebugWrapper(cursor, connection) if connection.queries_logged else connection.make_cursor(cursor)
    with wrapped as cursor:
        cursor.execute(text)
        return cursor.fetchall()


def _ran_before(raw, text):
    """Whether this connection has run the text before (then psycopg prepares it, or runs the statement
    it prepared); the texts are remembered least recently run first out."""
    texts = _run.setdefault(raw, OrderedDict())
    if text in texts:
        texts.move_to_end(text)
        return True
    texts[text] = None
    if len(texts) > REMEMBERED_PER_CONNECTION:
        texts.popitem(last=False)
    return False
