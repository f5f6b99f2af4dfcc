"""A coordinator shapes a cohort's form: adds questions, changes one nobody has answered, moves one
within its section, retires one."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ftl_portal.errors import PortalError
from programmes.admissions import read_cache
from programmes.admissions.models import Answer, Question
from programmes.admissions.questions import section_slug


class QuestionLocked(PortalError):
    """The question has answers, so changing it would change what they answered."""


def add_question(*, cohort, fields):
    with transaction.atomic():
        last = Question.objects.filter(cohort=cohort).select_for_update().aggregate(last=Max("position"))["last"]
        return Question.objects.create(cohort=cohort, position=(last or 0) + 1, **fields)


def update_question(*, question, fields):
    """Refused once an answer exists. The row lock makes a student's first answer, which takes a key
    share lock on the question as it is inserted, wait for this change or come first and refuse it."""
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        if Answer.objects.filter(question=locked).exists():
            raise QuestionLocked(
                "Students have answered this question, so it can no longer change. "
                "Retire it and add a new question instead."
            )
        if locked.retired_at is not None:
            raise QuestionLocked("This question is retired, so it can no longer change.")
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
    return locked


class QuestionNotMoved(PortalError):
    """The question is already first (or last) of its section."""


def move_question(*, question, up):
    """Swap the question with its neighbour in the same section (retired ones are passed over). Order
    changes no answer's meaning, so answered questions move too. The cohort's questions are locked and
    numbered afresh first, so two coordinators moving at once each see the other's result."""
    with transaction.atomic():
        rows = list(
            Question.objects.filter(cohort_id=question.cohort_id).select_for_update().order_by("position", "id")
        )
        for position, row in enumerate(rows, start=1):
            row.position = position
        same = [r for r in rows if r.retired_at is None and section_slug(r) == section_slug(question)]
        index = next((k for k, r in enumerate(same) if r.pk == question.pk), None)
        other = None if index is None else index - 1 if up else index + 1
        if other is None or not 0 <= other < len(same):
            raise QuestionNotMoved(f"“{question.label}” is already {'first' if up else 'last'} in its section.")
        same[index].position, same[other].position = same[other].position, same[index].position
        Question.objects.bulk_update(rows, ["position"])
        read_cache.bump(read_cache.CHOICES)  # bulk_update sends no signal: the cached questions move here


def retire_question(*, question):
    """Hidden from the form from now on; its answers stay on the review page and in exports."""
    Question.objects.filter(pk=question.pk, retired_at__isnull=True).update(retired_at=timezone.now())
    read_cache.bump(read_cache.CHOICES)  # an update() sends no signal: the cached questions move here
