"""An application as its review page shows it: the application with its student, university, cohort
and staged decision, and what the page lists of it (reviews, history, pathways, notes and tags).

Two paths with one result, compared by tests/admissions/test_review_page_sql.py:
- the ORM's (SQLite, and the reference): seven queries;
- PostgreSQL's: one pre-written statement around the reader's scope, each row and list as JSON, since
  the ORM's seven queries cost about 6 of the page's 20 ms of Python, and PostgreSQL a plan each.

Actions on an application (a review, a note, a decision) read it with application_for_review, which
loads none of the lists: a list read before a write would show the page as it was.
"""

from functools import lru_cache
from typing import NamedTuple

from django.db import connection
from django.http import Http404

from accounts.models import User
from ftl_portal import prepared
from ftl_portal.choice_fields import LARGEST
from programmes.admissions.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationTag,
    Review,
    StagedDecision,
)
from programmes.admissions.selectors.queue_rows import pathway_names_sql
from programmes.admissions.selectors.reviews import applications_in_scope, checked_for_review
from programmes.cohorts.models import Cohort, Partner


def application_page(*, user, pk):
    """The application `pk` as application_for_review gives it (a 404 outside the reader's scope,
    ConflictDeclared for a reviewer who declared one), with reviews_read, events_read, pathway_names,
    notes_read and tag_labels in their pages' order."""
    if not 0 < pk <= LARGEST:  # no such id, and PostgreSQL would refuse the statement (a 500)
        application = None
    elif connection.vendor == "postgresql":
        application = _load_sql(_Scope(user.role, user.partner_id), pk)
    else:
        application = _load_orm(applications_in_scope(user=user).filter(pk=pk))
    if application is None:
        raise Http404("No application matches the given query.")
    return checked_for_review(application, user=user)


class _Scope(NamedTuple):
    """What applications_in_scope reads of its reader."""

    role: str
    partner_id: int | None


def _load_orm(scope):
    related = ("student", "partner", "cohort", "staged_decision", "staged_decision__staged_by")
    application = scope.select_related(*related).first()
    if application is None:
        return None
    application.reviews_read = list(application.reviews.select_related("reviewer"))
    application.events_read = list(application.events.select_related("actor"))
    application.pathway_names = [p.name for p in application.pathways.all()]
    application.notes_read = list(ApplicationNote.objects.filter(application=application).select_related("author"))
    tags = ApplicationTag.objects.filter(application=application)
    application.tag_labels = list(tags.values_list("label", flat=True))
    return application


def _with(model, alias, related, related_alias, join_on):
    """The rows of `model` (alias) for one application, each as {"row": ..., "related": ...}, in the
    model's own order, as a JSON list ([] for none)."""
    order = ", ".join(
        f"{alias}.{model._meta.get_field(name.lstrip('-')).column}{' DESC' if name.startswith('-') else ''}"
        for name in model._meta.ordering
    )
    return f"""COALESCE((SELECT json_agg(json_build_object('row', row_to_json({alias}), 'related',
                row_to_json({related_alias})) ORDER BY {order})
              FROM {prepared.table(model)} {alias}
              LEFT JOIN {prepared.table(related)} {related_alias} ON {related_alias}.id = {join_on}
              WHERE {alias}.application_id = a.id), '[]')"""  # noqa: S608


def _page_sql(inner):
    # Only table and column names from the models, and the scope's own compiled SQL, are formatted
    # in; every value is a parameter. Each list is ordered as its model's Meta.ordering orders it.
    tag = prepared.table(ApplicationTag)
    return f"""
        SELECT row_to_json(a), row_to_json(u), row_to_json(p), row_to_json(c), row_to_json(sd), row_to_json(sb),
               {_with(Review, "r", User, "ru", "r.reviewer_id")},
               {_with(ApplicationEvent, "e", User, "eu", "e.actor_id")},
               {_with(ApplicationNote, "n", User, "nu", "n.author_id")},
               {pathway_names_sql()},
               ARRAY(SELECT tg.label FROM {tag} tg WHERE tg.application_id = a.id ORDER BY tg.label)
        FROM {prepared.table(Application)} a
        JOIN {prepared.table(User)} u ON u.id = a.student_id
        JOIN {prepared.table(Partner)} p ON p.id = a.partner_id
        JOIN {prepared.table(Cohort)} c ON c.id = a.cohort_id
        LEFT JOIN {prepared.table(StagedDecision)} sd ON sd.application_id = a.id
        LEFT JOIN {prepared.table(User)} sb ON sb.id = sd.staged_by_id
        WHERE a.id = %s AND a.id IN ({inner})"""  # noqa: S608


@lru_cache(maxsize=256)
def _kept_page_sql(scope):
    """The page's statement for a reader's scope, and the scope's parameters after the id's:
    written once per scope, as building and compiling the scope's query and writing the statement
    around it were 1,200 calls of the page's 14,200. applications_in_scope reads no data, so a kept
    statement is never out of date (another role's 404 is raised here, and never kept)."""
    inner, params = applications_in_scope(user=scope).values("pk").query.sql_with_params()
    return _page_sql(inner), params


def _instance(model, values):
    """A model instance from its row as row_to_json gave it, each value as the field reads it."""
    if values is None:
        return None
    fields = model._meta.concrete_fields
    return model.from_db(connection.alias, [f.attname for f in fields], [f.to_python(values[f.column]) for f in fields])


def _listed(model, related_field, rows):
    listed = []
    for row in rows:
        instance = _instance(model, row["row"])
        setattr(instance, related_field, _instance(User, row["related"]))
        listed.append(instance)
    return listed


def _load_sql(scope, pk):
    sql, params = _kept_page_sql(scope)
    found = prepared.fetch_all(sql, (pk, *params))
    if not found:
        return None
    row, student, partner, cohort, staged, staged_by, reviews, events, notes, pathways, tags = found[0]
    application = _instance(Application, row)
    application.student, application.partner, application.cohort = (
        _instance(User, student),
        _instance(Partner, partner),
        _instance(Cohort, cohort),
    )
    decision = _instance(StagedDecision, staged)
    if decision is not None:
        decision.staged_by = _instance(User, staged_by)
    # As select_related does: set on the reverse one-to-one, None would not be kept, and the page's
    # every look at it would be a query.
    Application._meta.get_field("staged_decision").set_cached_value(application, decision)
    application.reviews_read = _listed(Review, "reviewer", reviews)
    application.events_read = _listed(ApplicationEvent, "actor", events)
    application.notes_read = _listed(ApplicationNote, "author", notes)
    application.pathway_names, application.tag_labels = list(pathways), list(tags)
    return application
