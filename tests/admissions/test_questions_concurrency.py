"""On PostgreSQL a student's first answer cannot slip in under a coordinator's change to the question:
inserting the answer waits for the change's row lock, so it answers the new wording (or, when it
comes first, the change is refused: tests/admissions/test_questions_builder.py)."""

import threading

import pytest
from django.db import connection, transaction

from programmes.admissions.models import Answer, Question
from programmes.admissions.services.student_applications import save_section
from tests.factories_applications import CompleteApplicationFactory
from tests.factories_questions import QuestionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def someone_waits_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        return cursor.fetchone()[0] > 0


def test_a_first_answer_waits_for_a_change_to_the_question_in_progress():
    application = CompleteApplicationFactory()
    question = QuestionFactory(cohort=application.cohort, label="Old wording", own_section_title="More")
    locked, release = threading.Event(), threading.Event()

    def coordinator_changes_it():
        try:
            with transaction.atomic():
                held = Question.objects.select_for_update().get(pk=question.pk)
                locked.set()
                release.wait(timeout=30)
                held.label = "New wording"
                held.save()
        finally:
            connection.close()

    def student_answers():
        try:
            save_section(application=application, answers={}, question_answers={question: "My answer"})
        finally:
            connection.close()

    change = threading.Thread(target=coordinator_changes_it)
    change.start()
    assert locked.wait(timeout=30)
    answer = threading.Thread(target=student_answers)
    answer.start()
    for _ in range(3000):  # until the student's insert is seen waiting on the lock, not for a time
        if someone_waits_on_a_lock():
            break
    else:
        pytest.fail("the answer did not wait for the question's lock")
    assert not Answer.objects.exists()
    release.set()
    change.join()
    answer.join()
    assert Answer.objects.get().question.label == "New wording"
