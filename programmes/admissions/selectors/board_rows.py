"""The decision board's staged decisions as plain values, each with its review figures as the reader
may see them, in the order release shows them.

Two paths with one result, compared by tests/admissions/test_board_rows_sql.py:
- the ORM's (SQLite, and the reference): the staged decisions, then their reviews;
- PostgreSQL's: one pre-written statement, with each application's reviews as arrays, as on the
  queue's page (queue_rows.py): the board lists a hundred rows a university, and reading them through
  the ORM's values() and a second query was half of the page's Python.
"""

from django.db import connection

from accounts.models import User
from ftl_portal import prepared
from programmes.admissions.models import Application, StagedDecision
from programmes.admissions.selectors.queue_rows import figures_for, review_arrays_sql, reviews_by_application
from programmes.cohorts.models import Cohort, Partner

# What the board shows of each staged decision: as model instances (five a row) its hundreds of rows
# cost more to load than the rest of the page.
BOARD_VALUES = (
    *("application_id", "decision", "staged_at", "staged_by__full_name", "staged_by__email"),
    *("application__cohort_id", "application__partner_id", "application__cohort__blind_first_review"),
    *("application__partner__name", "application__partner__short_name"),
    *("application__student__full_name", "application__student__email"),
)
ORDER = ("decision", "application__student__full_name", "application_id")


def staged_of(**filters):
    """The staged decisions these filters leave, with their applications, in the order release shows."""
    return (
        StagedDecision.objects.filter(**filters)
        .select_related("application__student", "application__cohort", "application__partner", "staged_by")
        .order_by(*ORDER)
    )


def board_rows(*, partner_ids, reader):
    """Every staged decision of these universities' applications, as a dict of BOARD_VALUES with the
    review figures (queue_rows.figures_for) as `reader` may see them."""
    load = _rows_sql if connection.vendor == "postgresql" else _rows_orm
    return [
        {**values, **figures_for(reviews, reader=reader, blind=values["application__cohort__blind_first_review"])}
        for values, reviews in load(sorted(partner_ids))
    ]


def _rows_orm(partner_ids):
    staged = list(staged_of(application__partner_id__in=partner_ids).values(*BOARD_VALUES))
    by_application = reviews_by_application([s["application_id"] for s in staged])
    return [(s, by_application.get(s["application_id"], [])) for s in staged]


def _board_sql():
    sd, a, u, c, p = (prepared.table(m) for m in (StagedDecision, Application, User, Cohort, Partner))
    # Only table names from the models are formatted in; the universities are a parameter. The order
    # is ORDER's, as the ORM's query sorts.
    return f"""
        SELECT sd.application_id, sd.decision, sd.staged_at, sb.full_name, sb.email,
               a.cohort_id, a.partner_id, c.blind_first_review, p.name, p.short_name, u.full_name, u.email,
               {review_arrays_sql()}
        FROM {sd} sd
        JOIN {a} a ON a.id = sd.application_id
        JOIN {u} u ON u.id = a.student_id
        JOIN {c} c ON c.id = a.cohort_id
        JOIN {p} p ON p.id = a.partner_id
        LEFT JOIN {u} sb ON sb.id = sd.staged_by_id
        WHERE a.partner_id = ANY(%s)
        ORDER BY sd.decision, u.full_name, sd.application_id"""  # noqa: S608


def _rows_sql(partner_ids):
    if not partner_ids:
        return []
    rows = []
    for *values, reviewers, conflicts, scores in prepared.fetch_all(_board_sql(), [list(partner_ids)]):
        rows.append(
            (dict(zip(BOARD_VALUES, values, strict=True)), list(zip(reviewers, conflicts, scores, strict=True)))
        )
    return rows
