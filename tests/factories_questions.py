"""Factories for a cohort's own questions and the students' answers."""

import factory

from programmes.admissions.models import Answer, Question, QuestionKind

from .factories import CohortFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    cohort = factory.SubFactory(CohortFactory)
    kind = QuestionKind.SHORT_TEXT
    label = factory.Sequence(lambda n: f"Question {n}")
    position = factory.Sequence(lambda n: n)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    value = "An answer"
