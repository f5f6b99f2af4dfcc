"""seed_demo shows a cohort's own questions: on the builder, answered in the queue, on the form."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD
from programmes.admissions.models import Answer, Application, Question
from tests.factories_applications import private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


def test_the_demo_cohort_asks_questions_of_its_own_and_its_students_answered_them(client):
    call_command("seed_demo", stdout=StringIO())
    questions = Question.objects.filter(cohort__slug="pilot-2027")
    assert questions.count() == 5 and {q.kind for q in questions} >= {"yes_no", "single_choice", "long_text", "date"}
    submitted = Application.objects.filter(cohort__slug="pilot-2027").exclude(state="draft").count()
    assert Answer.objects.filter(question__label__startswith="Could you come").count() == submitted
    call_command("seed_demo", stdout=StringIO())
    assert questions.count() == 5

    assert client.login(email="ella.hughes@warwick.ac.uk", password=DEMO_PASSWORD)
    application = Application.objects.get(student__email="ella.hughes@warwick.ac.uk")
    page = client.get(reverse("application_check", args=[application.pk])).content.decode()
    assert "Which setting would you most like to see?" in page and "A medtech company" in page
