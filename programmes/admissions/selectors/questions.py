"""A cohort's questions, for the coordinators who shape its form."""

from django.db.models import Count
from django.shortcuts import get_object_or_404

from programmes.admissions import read_cache
from programmes.admissions.models import Answer, Question
from programmes.admissions.questions import answer_text
from programmes.admissions.sections import SECTIONS_BY_SLUG
from programmes.cohorts.selectors import coordinator_only

HIDDEN_IN_BLIND_PASS = "Hidden until you have reviewed: it could tell you who the student is."


def _questions(*, user, cohort):
    coordinator_only(user)
    return Question.objects.filter(cohort=cohort).annotate(answer_count=Count("answers"))


def questions(*, user, cohort):
    """The builder's list, each question with its answer count and the title of its section."""
    rows = list(_questions(user=user, cohort=cohort))
    for row in rows:
        row.section_title = SECTIONS_BY_SLUG[row.section].title if row.section else row.own_section_title
    return rows


def own_section_titles(*, cohort, excluding=None):
    """The titles of the cohort's own sections (cohort already scoped by the caller), oldest first."""
    found = Question.objects.filter(cohort=cohort).exclude(own_section_title="")
    if excluding is not None:
        found = found.exclude(pk=excluding.pk)
    return list(dict.fromkeys(found.order_by("id").values_list("own_section_title", flat=True)))


def question(*, user, cohort, pk):
    """Another cohort's question is a 404 here, whatever its number."""
    return get_object_or_404(_questions(user=user, cohort=cohort), pk=pk)


def cohort_questions(*, cohort_id):
    """The cohort's questions (retired ones too), in their order, from the cache under the set-up
    version: every application's page reads them, and a question's write bumps it."""

    def compute():
        return list(Question.objects.filter(cohort_id=cohort_id))

    return read_cache.cached_many({"q": (read_cache.CHOICES, f"questions:{cohort_id}", compute)})["q"]


def _answers_of(application, *, blind):
    """[(question, answer text)] of the application's cohort: questions in use, and retired ones it
    answered. In a blind pass an identifying answer is withheld like the name."""
    questions = cohort_questions(cohort_id=application.cohort_id)
    if not questions:
        return []
    values = {a.question_id: a.value for a in Answer.objects.filter(application=application)}
    rows = []
    for q in questions:
        if q.retired_at is not None and q.pk not in values:
            continue
        text = answer_text(q, values.get(q.pk))
        rows.append((q, HIDDEN_IN_BLIND_PASS if blind and q.identifying and text else text))
    return rows


def answers_for_student(*, application):
    return _answers_of(application, blind=False)


def answers_for_review(*, application):
    """For the review page: `application` is one application_for_review returned (with show_name)."""
    return _answers_of(application, blind=not application.show_name)


def answer_columns(*, applications):
    """The CSV's extra columns: every question of the cohorts in `applications` (retired ones too),
    and {application id: {question id: answer text}}, with identifying answers withheld from a
    reader who may not see the name yet. Two queries for any number of rows."""
    by_pk = {a.pk: a for a in applications}
    if not by_pk:
        return [], {}
    cohort_ids = {a.cohort_id for a in applications}
    questions = list(Question.objects.filter(cohort_id__in=cohort_ids).select_related("cohort"))
    texts = {pk: {} for pk in by_pk}
    if not questions:
        return [], texts
    by_id = {q.pk: q for q in questions}
    for answer in Answer.objects.filter(application_id__in=by_pk, question__in=questions):
        question, application = by_id[answer.question_id], by_pk[answer.application_id]
        text = answer_text(question, answer.value)
        texts[answer.application_id][question.pk] = (
            "(hidden until you review)" if question.identifying and not application.show_name else text
        )
    return questions, texts
