"""The decision board's staged decisions as the board prints them, each with its applicant and review
figures as the reader may see them, in the order release shows them, built in one pass over the rows:
the board lists a hundred rows a university, and each pass over them (values into dicts, figures in,
display values out) cost a millisecond.

Two paths with one result, compared by tests/admissions/test_board_rows_sql.py:
- the ORM's (SQLite, and the reference): the staged decisions, then their reviews;
- PostgreSQL's: one pre-written statement, with each application's reviews as arrays, as on the
  queue's page (queue_rows.py): the board lists a hundred rows a university, and reading them through
  the ORM's values() and a second query was half of the page's Python.
"""

from django.db import connection

from accounts.models import User
from ftl_portal import prepared
from programmes.admissions.identity import applicant_label
from programmes.admissions.models import Application, Decision, StagedDecision
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
DECISION_LABELS = dict(Decision.choices)


def staged_of(**filters):
    """The staged decisions these filters leave, with their applications, in the order release shows."""
    return (
        StagedDecision.objects.filter(**filters)
        .select_related("application__student", "application__cohort", "application__partner", "staged_by")
        .order_by(*ORDER)
    )


def board_rows(*, partner_ids, reader):
    """{(cohort id, university id): [row, ...]} of every staged decision of these universities'
    applications, each row a dict of what the board prints (applicant, university, decision, score,
    staged_by, staged_at) and the application_id, as `reader` (reviews.reader_of) may see them."""
    load = _rows_sql if connection.vendor == "postgresql" else _rows_orm
    by_pair = {}
    for values, reviews in load(sorted(partner_ids)):
        (
            application_id,
            decision,
            staged_at,
            staged_by_name,
            staged_by_email,
            cohort_id,
            partner_id,
            blind,
            university_name,
            university_short,
            full_name,
            email,
        ) = values  # BOARD_VALUES
        figures = figures_for(reviews, reader=reader, blind=blind)
        by_pair.setdefault((cohort_id, partner_id), []).append(
            {
                "application_id": application_id,
                "applicant": applicant_label(
                    show_name=figures["show_name"], name=full_name or email, pk=application_id
                ),
                "university": university_short or university_name,
                "decision": DECISION_LABELS.get(decision, decision),
                "score": score_text(figures["show_scores"], figures["mean_score"], figures["review_count"]),
                "staged_by": staged_by_name or staged_by_email or "",
                "staged_at": staged_at,
            }
        )
    return by_pair


def score_text(show_scores, mean_score, review_count):
    if not show_scores:
        return "Not shown until you review"
    if mean_score is None:
        return "No scores yet"
    return f"{mean_score:.2f} ({review_count})"


def _rows_orm(partner_ids):
    staged = list(staged_of(application__partner_id__in=partner_ids).values_list(*BOARD_VALUES))
    by_application = reviews_by_application([s[0] for s in staged])
    return [(s, by_application.get(s[0], [])) for s in staged]


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
    """As _rows_orm: (BOARD_VALUES as a tuple, [(reviewer id, conflict declared, weighted score)])."""
    if not partner_ids:
        return []
    return [
        (row[:-3], list(zip(*row[-3:], strict=True))) for row in prepared.fetch_all(_board_sql(), [list(partner_ids)])
    ]
