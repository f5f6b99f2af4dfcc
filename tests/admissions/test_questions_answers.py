"""A student answers a cohort's own questions: saved as they go (htmx too), counted in the task list,
required before submitting, shown in check your answers, on the review page (withheld in a blind pass
where identifying), in the CSV, and in the student's data export and erasure."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ftl_portal import privacy
from programmes.admissions.models import Answer, QuestionKind
from programmes.admissions.models import ApplicationState as S
from programmes.privacy.services.erasure import erase_person
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_applications import CompleteApplicationFactory, open_cohort_with_partner, private_media_fixture  # noqa: F401
from tests.factories_questions import AnswerFactory, QuestionFactory
from tests.factories_reviews import ReviewFactory, SubmittedApplicationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


@pytest.fixture
def draft():
    cohort, partner = open_cohort_with_partner()
    return CompleteApplicationFactory(cohort=cohort, partner=partner)


def section_url(application, slug):
    return reverse("application_section", args=[application.pk, slug])


def tasks(client, application):
    return client.get(reverse("application_tasks", args=[application.pk])).content.decode()


def test_a_question_in_a_built_in_section_saves_with_it_and_gates_the_section(client, draft):
    question = QuestionFactory(
        cohort=draft.cohort, section="availability", kind=QuestionKind.YES_NO, label="Can you travel to Coventry?"
    )
    client.force_login(draft.student)
    assert 'data-testid="status-availability">In progress' in tasks(client, draft)
    page = client.get(section_url(draft, "availability")).content.decode()
    assert "Can you travel to Coventry?" in page
    response = client.post(
        section_url(draft, "availability"),
        {"availability": "Mondays", question.field_name: "yes"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Saved" in response.content.decode()
    assert Answer.objects.get(question=question, application=draft).value is True
    draft.refresh_from_db()
    assert draft.availability == "Mondays"
    assert 'data-testid="status-availability">Completed' in tasks(client, draft)
    # Emptying the answer deletes it, and the section is no longer complete.
    client.post(section_url(draft, "availability"), {"availability": "Mondays", question.field_name: ""})
    assert not Answer.objects.exists()


def test_an_own_section_lists_in_the_task_list_and_required_answers_come_before_submit(client, draft):
    QuestionFactory(cohort=draft.cohort, own_section_title="Placement", kind=QuestionKind.DATE, label="Earliest start")
    choice = QuestionFactory(
        cohort=draft.cohort,
        own_section_title="Placement",
        kind=QuestionKind.MULTIPLE_CHOICE,
        choices=["Lab", "Office"],
        label="Where?",
    )
    client.force_login(draft.student)
    page = tasks(client, draft)
    assert 'data-testid="status-more-placement">Not started' in page
    assert page.index("status-more-placement") < page.index("status-consent")
    assert 'data-testid="check-locked"' in page
    response = client.post(reverse("application_submit", args=[draft.pk]), follow=True)
    assert "Complete these sections before you submit: Placement." in response.content.decode()

    client.post(section_url(draft, "more-placement"), {choice.field_name: ["Lab", "Office"]})
    assert 'data-testid="status-more-placement">In progress' in tasks(client, draft)
    date_field = f"question_{choice.pk - 1}"
    client.post(section_url(draft, "more-placement"), {choice.field_name: ["Lab"], date_field: "2027-01-04"})
    assert 'data-testid="status-more-placement">Completed' in tasks(client, draft)
    check = client.get(reverse("application_check", args=[draft.pk])).content.decode()
    assert "Earliest start" in check and "4 January 2027" in check and "Lab" in check
    client.post(reverse("application_submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED


def test_bad_answers_are_refused_and_nothing_is_saved(client, draft):
    long = QuestionFactory(
        cohort=draft.cohort, section="motivation", kind=QuestionKind.LONG_TEXT, word_limit=3, label="Say it"
    )
    choice = QuestionFactory(
        cohort=draft.cohort, section="motivation", kind=QuestionKind.SINGLE_CHOICE, choices=["A", "B"]
    )
    client.force_login(draft.student)
    data = {"motivation": draft.motivation, long.field_name: "one two three four"}
    response = client.post(section_url(draft, "motivation"), data)
    assert response.status_code == 400 and "Use at most 3 words; you have 4." in response.content.decode()
    response = client.post(section_url(draft, "motivation"), {"motivation": draft.motivation, choice.field_name: "C"})
    assert response.status_code == 400 and "Select a valid choice." in response.content.decode()
    assert not Answer.objects.exists()


def test_a_retired_question_leaves_the_form_and_the_task_list_but_keeps_its_answers(client, draft):
    question = QuestionFactory(cohort=draft.cohort, own_section_title="Extra", label="Retired one")
    AnswerFactory(question=question, application=draft, value="kept")
    question.retired_at = timezone.now()
    question.save()
    client.force_login(draft.student)
    assert "status-more-extra" not in tasks(client, draft)
    assert client.get(section_url(draft, "more-extra")).status_code == 404
    assert "kept" in client.get(reverse("application_check", args=[draft.pk])).content.decode()
    assert Answer.objects.filter(question=question).exists()


def test_another_cohorts_question_is_not_asked_here(client, draft):
    QuestionFactory(own_section_title="Elsewhere")
    client.force_login(draft.student)
    assert "Elsewhere" not in tasks(client, draft)
    assert client.get(section_url(draft, "more-elsewhere")).status_code == 404


@pytest.fixture
def submitted_with_answers():
    cohort, partner = open_cohort_with_partner()
    application = CompleteApplicationFactory(
        cohort=cohort, partner=partner, state=S.SUBMITTED, submitted_at=timezone.now()
    )
    plain = QuestionFactory(cohort=cohort, label="Favourite device", section="about")
    identifying = QuestionFactory(cohort=cohort, label="LinkedIn page", identifying=True, own_section_title="Links")
    AnswerFactory(question=plain, application=application, value="=HYPERLINK(evil)")
    AnswerFactory(question=identifying, application=application, value="linkedin.com/in/ada")
    return application


def test_the_review_page_shows_answers_and_a_blind_pass_withholds_identifying_ones(client, submitted_with_answers):
    application = submitted_with_answers
    application.cohort.blind_first_review = True
    application.cohort.save()
    staff = StaffFactory(partner=application.partner)
    client.force_login(staff)
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert "Favourite device" in page and "=HYPERLINK(evil)" in page
    assert "linkedin.com/in/ada" not in page and "Hidden until you have reviewed" in page
    assert application.student.get_full_name() not in page
    ReviewFactory(application=application, reviewer=staff)
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert "linkedin.com/in/ada" in page


def test_the_csv_has_a_column_per_question_with_spreadsheet_safe_answers(client, submitted_with_answers):
    application = submitted_with_answers
    client.force_login(CoordinatorFactory())
    rows = list(csv.reader(io.StringIO(client.get(reverse("review_export")).content.decode())))
    header, row = rows[0], rows[1]
    cohort = application.cohort.name
    device, link = header.index(f"{cohort}: Favourite device"), header.index(f"{cohort}: LinkedIn page")
    assert row[device] == "'=HYPERLINK(evil)" and row[link] == "linkedin.com/in/ada"


@pytest.mark.parametrize("rows", [1, 20])
def test_the_csv_query_count_stays_flat_with_answered_rows(client, rows, django_assert_num_queries):
    cohort, partner = open_cohort_with_partner()
    questions = QuestionFactory.create_batch(2, cohort=cohort)
    for _ in range(rows):
        application = SubmittedApplicationFactory(cohort=cohort, partner=partner)
        for question in questions:
            AnswerFactory(question=question, application=application)
    client.force_login(CoordinatorFactory())
    client.get(reverse("review_export"))  # warm the session
    # the same number for 1 and 20 answered rows: answers and questions are read once for the page
    with django_assert_num_queries(8):
        response = client.get(reverse("review_export"))
    assert response.content.decode().count("An answer") == 2 * rows


def test_answers_are_in_the_students_data_export_and_erased_with_them(submitted_with_answers):
    application = submitted_with_answers
    entry = privacy.entry_for(Answer)
    rows = [entry.export(row) for row in entry.rows(application.student)]
    assert {"cohort": application.cohort.name, "question": "Favourite device", "answer": "=HYPERLINK(evil)"} in rows
    erase_person(person=application.student, actor=CoordinatorFactory(), reason="Asked to be forgotten")
    assert not Answer.objects.exists()


def _query_count(client, url):
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_task_list_and_review_page_cost_the_same_for_1_and_10_answered_questions(client):
    counts = {}
    for rows in (1, 10):
        cohort, partner = open_cohort_with_partner()
        draft = CompleteApplicationFactory(cohort=cohort, partner=partner)
        submitted = SubmittedApplicationFactory(cohort=cohort, partner=partner)
        for question in QuestionFactory.create_batch(rows, cohort=cohort, own_section_title="More"):
            AnswerFactory(question=question, application=draft)
            AnswerFactory(question=question, application=submitted)
        client.force_login(draft.student)
        tasks_count = _query_count(client, reverse("application_tasks", args=[draft.pk]))
        client.force_login(StaffFactory(partner=partner))
        review_count = _query_count(client, reverse("review_application", args=[submitted.pk]))
        counts[rows] = (tasks_count, review_count)
    assert counts[1] == counts[10]
