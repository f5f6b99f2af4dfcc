"""The coordinator's question builder: bad input refused with clear messages, changes refused once a
student has answered, retiring, and who may build (another cohort's question is a 404)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.admissions.models import Question, QuestionKind
from programmes.admissions.selectors.questions import answers_for_student
from tests.factories import (
    ApplicationFactory,
    CohortFactory,
    CoordinatorFactory,
    MentorFactory,
    StaffFactory,
    StudentFactory,
)
from tests.factories_applications import CompleteApplicationFactory
from tests.factories_questions import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def add_url(cohort):
    return reverse("setup_questions", args=[cohort.pk])


def form(**overrides):
    data = {
        "label": "Which placement would you prefer?",
        "kind": QuestionKind.SHORT_TEXT,
        "section": "about",
        "required": "on",
        "own_section_title": "",
        "word_limit": "",
        "choices": "",
        "help_text": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def coordinator_client(client):
    client.force_login(CoordinatorFactory())
    return client


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"label": "  "}, "Write the question the student will answer."),
        ({"kind": QuestionKind.SINGLE_CHOICE, "choices": "\n  \n"}, "Give at least two options, one per line."),
        ({"kind": QuestionKind.MULTIPLE_CHOICE, "choices": "Only one"}, "Give at least two options, one per line."),
        (
            {"kind": QuestionKind.SINGLE_CHOICE, "choices": "Lab\nOffice\nlab"},
            "Each option must be different: “lab” appears more than once.",
        ),
        ({"kind": QuestionKind.LONG_TEXT, "word_limit": "0"}, "The word limit must be at least 1."),
        ({"kind": QuestionKind.LONG_TEXT, "word_limit": "-5"}, "The word limit must be at least 1."),
        ({"kind": QuestionKind.LONG_TEXT, "word_limit": ""}, "Give a long text answer a word limit, such as 250."),
        ({"kind": QuestionKind.LONG_TEXT, "word_limit": "many"}, "Enter the word limit as a whole number"),
        ({"kind": QuestionKind.LONG_TEXT, "word_limit": "5000"}, "The word limit can be at most 2000."),
        ({"word_limit": "100"}, "Only a long text answer has a word limit"),
        ({"choices": "A\nB"}, "Only a choice question has options"),
        ({"section": "own"}, "Give its own section a title"),
        ({"section": "own", "own_section_title": "motivation"}, "“motivation” is a built-in section"),
        ({"section": "consent"}, "Select a valid choice."),
        ({"kind": "essay"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(coordinator_client, overrides, message):
    cohort = CohortFactory()
    response = coordinator_client.post(add_url(cohort), form(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_a_choice_question_in_its_own_section_is_added_with_its_options_in_order(coordinator_client):
    cohort = CohortFactory()
    data = form(
        kind=QuestionKind.MULTIPLE_CHOICE,
        choices=" Lab \nOffice\n\nHospital ",
        section="own",
        own_section_title=" Placement preferences ",
        required="",
    )
    response = coordinator_client.post(add_url(cohort), data, follow=True)
    assert "is added to the application form" in response.content.decode()
    question = Question.objects.get()
    assert question.choices == ["Lab", "Office", "Hospital"]
    assert (question.section, question.own_section_title, question.required) == ("", "Placement preferences", False)
    page = coordinator_client.get(add_url(cohort)).content.decode()
    assert "Placement preferences" in page and "Lab, Office, Hospital" in page


def test_a_question_changes_until_it_is_answered_then_only_retires(coordinator_client):
    question = QuestionFactory(label="Old wording")
    edit = reverse("setup_question_edit", args=[question.cohort_id, question.pk])
    coordinator_client.post(edit, form(label="New wording"))
    question.refresh_from_db()
    assert question.label == "New wording"

    AnswerFactory(question=question, application=CompleteApplicationFactory(cohort=question.cohort))
    response = coordinator_client.post(edit, form(label="Sneaky change"), follow=True)
    assert "Students have answered this question, so it can no longer change." in response.content.decode()
    question.refresh_from_db()
    assert question.label == "New wording"
    assert "Change<span" not in coordinator_client.get(add_url(question.cohort)).content.decode()

    retire = reverse("setup_question_retire", args=[question.cohort_id, question.pk])
    response = coordinator_client.post(retire, follow=True)
    assert "is retired: new applicants will not see it." in response.content.decode()
    question.refresh_from_db()
    assert question.retired_at is not None and question.answers.count() == 1


def test_another_cohorts_question_is_a_404_under_this_cohort(coordinator_client):
    question = QuestionFactory()
    other = CohortFactory()
    assert coordinator_client.get(reverse("setup_question_edit", args=[other.pk, question.pk])).status_code == 404
    assert coordinator_client.post(reverse("setup_question_retire", args=[other.pk, question.pk])).status_code == 404
    question.refresh_from_db()
    assert question.retired_at is None


@pytest.mark.parametrize("make_user", [StudentFactory, StaffFactory, MentorFactory])
def test_only_coordinators_build_questions(client, make_user):
    question = QuestionFactory()
    client.force_login(make_user())
    routes = [
        ("get", add_url(question.cohort)),
        ("post", add_url(question.cohort)),
        ("get", reverse("setup_question_edit", args=[question.cohort_id, question.pk])),
        ("post", reverse("setup_question_retire", args=[question.cohort_id, question.pk])),
    ]
    for method, url in routes:
        assert getattr(client, method)(url, form()).status_code in (403, 404), url
    question.refresh_from_db()
    assert question.retired_at is None and Question.objects.count() == 1


def test_anonymous_people_are_sent_to_sign_in(client):
    question = QuestionFactory()
    response = client.get(add_url(question.cohort))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_title_differing_only_in_case_or_punctuation_joins_that_section(coordinator_client):
    cohort = CohortFactory()
    coordinator_client.post(add_url(cohort), form(section="own", own_section_title="Placement preferences"))
    coordinator_client.post(
        add_url(cohort), form(label="Which city?", section="own", own_section_title="placement preferences!")
    )
    assert set(Question.objects.values_list("own_section_title", flat=True)) == {"Placement preferences"}


def test_titles_without_latin_letters_get_sections_of_their_own(coordinator_client, client):
    cohort = CohortFactory()
    for label, title in (("Де?", "Стажування"), ("どこ?", "実習の希望")):
        coordinator_client.post(add_url(cohort), form(label=label, section="own", own_section_title=title))
    application = ApplicationFactory(cohort=cohort)
    client.force_login(application.student)
    page = client.get(reverse("application_tasks", args=[application.pk])).content.decode()
    assert "Стажування" in page and "実習の希望" in page


def move(client, question, direction):
    url = reverse("setup_question_move", args=[question.cohort_id, question.pk])
    return client.post(url, {"direction": direction}, follow=True).content.decode()


def test_questions_move_within_their_section_and_students_see_the_new_order(coordinator_client, client):
    cohort = CohortFactory()
    first, other_section, second, retired, third = (
        QuestionFactory(cohort=cohort, section="about", label="First?"),
        QuestionFactory(cohort=cohort, section="motivation", label="Why us?"),
        QuestionFactory(cohort=cohort, section="about", label="Second?"),
        QuestionFactory(cohort=cohort, section="about", label="Retired?", retired_at=timezone.now()),
        QuestionFactory(cohort=cohort, section="about", label="Third?"),
    )
    application = ApplicationFactory(cohort=cohort)
    AnswerFactory(question=third, application=application)  # answered questions move too
    about = {"First?", "Second?", "Third?"}

    def answers_in_order():  # what check your answers and the review page list, read through the cache
        return [q.label for q, _ in answers_for_student(application=application) if q.label in about]

    assert answers_in_order() == ["First?", "Second?", "Third?"]
    assert "“Third?” moved up in its section." in move(coordinator_client, third, "up")
    page = move(coordinator_client, first, "down")
    about = [q.label for q in Question.objects.filter(cohort=cohort, section="about", retired_at=None)]
    assert about == ["Third?", "First?", "Second?"]
    assert "“Third?” is already first in its section." in move(coordinator_client, third, "up")
    assert "“Second?” is already last in its section." in move(coordinator_client, second, "down")
    assert Question.objects.get(pk=other_section.pk).section == "motivation" and retired.retired_at
    client.force_login(application.student)
    form = client.get(reverse("application_section", args=[application.pk, "about"])).content.decode()
    assert form.index("Third?") < form.index("First?") < form.index("Second?")
    assert answers_in_order() == ["Third?", "First?", "Second?"]
    assert page.count('id="question-') == 5


def test_another_cohorts_question_does_not_move(coordinator_client):
    question = QuestionFactory(section="about")
    response = coordinator_client.post(
        reverse("setup_question_move", args=[CohortFactory().pk, question.pk]), {"direction": "up"}
    )
    assert response.status_code == 404
