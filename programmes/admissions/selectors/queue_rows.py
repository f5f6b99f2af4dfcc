"""One page of the review queue: the ids the filters leave (any queryset of applications, so a new
filter only narrows that set), the number of matches (capped), and each row as plain values.

Two paths with one result, compared by tests/admissions/test_queue_rows_sql.py:
- the ORM's (SQLite, and the reference): count, page ids, rows, pathways, reviews: 5 queries, 4
  when the count is known;
- PostgreSQL's: the same in one pre-written statement around the queryset's own SQL, since each ORM
  query cost about 0.55 ms of Python before the database did anything; prepared on the connection
  once it has run there before (ftl_portal/prepared.py), since planning it was most of its cost.
"""

import statistics
from functools import partial

from django.db import connection

from accounts.models import User
from ftl_portal import prepared
from programmes.admissions.models import Application, Review, StagedDecision
from programmes.cohorts.models import Cohort, Partner, Pathway

# Above this many matches (ten pages) the page says "More than 250": counting every match of a
# broad search grows with the data. The filters' window walks until it has this many, and each
# row it passes can cost a lookup (not yet reviewed by me): at 1,000 a filtered page at 100,000
# applications took PostgreSQL 9 ms, at 250 3 ms. The pages past it still open.
COUNT_CAP = 250
ROW_VALUES = (
    *("pk", "course", "level_of_study", "state", "submitted_at", "staged_decision__decision"),
    *("student__full_name", "student__email", "partner__name", "partner__short_name", "cohort__blind_first_review"),
)


def page_of(queue, *, start, per_page, known_count=None, reader, ids_sql=None):
    """(rows in queue order, matches) for the page beginning at `start`. Matches is known_count when
    given, otherwise the number of matches up to max(COUNT_CAP + 1, start + per_page). ids_sql, if
    given, is compile_ids with this queue bound (so the caller may keep what it compiled)."""
    if connection.vendor != "postgresql":
        return page_of_orm(queue, start=start, per_page=per_page, known_count=known_count, reader=reader)
    return page_of_sql(queue, start=start, per_page=per_page, known_count=known_count, reader=reader, ids_sql=ids_sql)


def compile_ids(queue, start, stop):
    """The SQL and parameters of the ids of the queue's matches from start to stop."""
    return queue.values_list("pk", flat=True)[start:stop].query.sql_with_params()


def page_of_orm(queue, *, start, per_page, known_count, reader):
    cap = max(COUNT_CAP + 1, start + per_page)
    matches = known_count if known_count is not None else queue.values("pk")[:cap].count()
    ids = list(queue.values_list("pk", flat=True)[start : start + per_page])
    return rows_by_id(ids, reader=reader), matches


def rows_by_id(ids, *, reader):
    """The queue's rows for these application ids, in their order (the ORM path: 3 queries)."""
    rows = {row["pk"]: row for row in Application.objects.filter(pk__in=ids).order_by().values(*ROW_VALUES)}
    for row in rows.values():
        row["pathway_names"] = []
    pathways = (
        Application.pathways.through.objects.filter(application_id__in=ids)
        .order_by("pathway__ordering", "pathway__name")
        .values_list("application_id", "pathway__name")
    )
    for application_id, name in pathways:
        rows[application_id]["pathway_names"].append(name)
    by_application = reviews_by_application(ids)
    for row in rows.values():
        row.update(
            figures_for(by_application.get(row["pk"], []), reader=reader, blind=row["cohort__blind_first_review"])
        )
    return [rows[pk] for pk in ids]


def reviews_by_application(ids):
    """{application id: [(reviewer id, conflict declared, weighted score)]}, in one query."""
    rows = (
        Review.objects.filter(application_id__in=ids)
        .order_by()
        .values_list("application_id", "reviewer_id", "conflict_declared", "weighted_score")
    )
    by_application = {}
    for application_id, reviewer_id, conflict, score in rows:
        by_application.setdefault(application_id, []).append((reviewer_id, conflict, score))
    return by_application


def figures_for(reviews, *, reader, blind):
    """One application's figures from its (reviewer id, conflict declared, weighted score) rows, as
    the reader (reader.pk, reader.sees_all) may see them. One pass over the reviews: it runs for every
    row of the queue and of the decision board."""
    scores, reviewed_by_me, conflict_by_me = [], False, False
    for reviewer, conflict, score in reviews:
        if conflict:
            conflict_by_me = conflict_by_me or reviewer == reader.pk
            continue
        reviewed_by_me = reviewed_by_me or reviewer == reader.pk
        if score is not None:
            scores.append(score)
    return {
        "review_count": len(scores),
        "mean_score": round(statistics.fmean(scores), 2) if scores else None,
        "median_score": round(statistics.median(scores), 2) if scores else None,
        "reviewed_by_me": reviewed_by_me,
        "conflict_by_me": conflict_by_me,
        "show_name": reader.sees_all or not blind or reviewed_by_me or conflict_by_me,
        "show_scores": reader.sees_all or reviewed_by_me,
    }


def review_arrays_sql():
    """For a pre-written statement: the reviews of the application aliased `a` as three arrays in one
    order, the reviewers, the conflicts declared and the weighted scores (what figures_for reads)."""
    review = prepared.table(Review)
    return ",\n".join(
        f"ARRAY(SELECT r.{column} FROM {review} r WHERE r.application_id = a.id ORDER BY r.id)"  # noqa: S608
        for column in ("reviewer_id", "conflict_declared", "weighted_score")
    )


def pathway_names_sql():
    """For a pre-written statement: the names of the pathways of the application aliased `a`, as an
    array in the pathways' order."""
    through, pathway = prepared.table(Application.pathways.through), prepared.table(Pathway)
    return f"""ARRAY(SELECT pw.name FROM {through} t JOIN {pathway} pw ON pw.id = t.pathway_id
                     WHERE t.application_id = a.id ORDER BY pw.ordering, pw.name)"""  # noqa: S608


def _page_sql(inner):
    a, u, p, c, staged = (prepared.table(m) for m in (Application, User, Partner, Cohort, StagedDecision))
    # Only table names from the models and the queryset's own compiled SQL are formatted in; every
    # value is a parameter. The university and cohort are scalar subqueries, not joins: planning a
    # join of six relations cost PostgreSQL more than running the whole query (3.1 ms of its CPU per
    # page, 1.5 ms so). The staged decision is the one join: as a subquery PostgreSQL read every
    # staged decision once per row (a seq scan of a small table), 0.5-0.7 ms of a first page's 1.6-2.0.
    return f"""
        WITH matches AS (
            SELECT m.id, row_number() OVER () AS position, count(*) OVER () AS matches FROM ({inner}) AS m(id)
        )
        SELECT page.matches, a.id, a.course, a.level_of_study, a.state, a.submitted_at,
               sd.decision,
               u.full_name, u.email,
               (SELECT p.name FROM {p} p WHERE p.id = a.partner_id),
               (SELECT p.short_name FROM {p} p WHERE p.id = a.partner_id),
               (SELECT c.blind_first_review FROM {c} c WHERE c.id = a.cohort_id),
               {pathway_names_sql()},
               {review_arrays_sql()}
        FROM (SELECT * FROM matches WHERE position > %s ORDER BY position LIMIT %s) page
        JOIN {a} a ON a.id = page.id
        JOIN {u} u ON u.id = a.student_id
        LEFT JOIN {staged} sd ON sd.application_id = a.id
        ORDER BY page.position"""  # noqa: S608


def page_of_sql(queue, *, start, per_page, known_count, reader, ids_sql=None):
    cap = max(COUNT_CAP + 1, start + per_page)
    compiled = ids_sql or partial(compile_ids, queue)
    if known_count is None:
        inner, params, skip = *compiled(0, cap), start
    else:
        inner, params, skip = *compiled(start, start + per_page), 0
    found = prepared.fetch_all(_page_sql(inner), [*params, skip, per_page])
    if not found:  # an empty queue, or a page past the last (rare): the count on its own
        return [], known_count if known_count is not None else queue.values("pk")[:cap].count()
    keys = ("pk", "course", "level_of_study", "state", "submitted_at", "staged_decision__decision")
    keys += ("student__full_name", "student__email", "partner__name", "partner__short_name")
    rows = []
    for _matches, *values, blind, pathway_names, reviewers, conflicts, scores in found:
        row = dict(zip(keys, values, strict=True))
        row["cohort__blind_first_review"] = blind
        row["pathway_names"] = list(pathway_names)
        row.update(figures_for(list(zip(reviewers, conflicts, scores, strict=True)), reader=reader, blind=blind))
        rows.append(row)
    return rows, known_count if known_count is not None else found[0][0]
