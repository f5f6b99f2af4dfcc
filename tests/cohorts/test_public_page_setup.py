"""Coordinators edit what a cohort's public page says: contact, decisions date, what you get, FAQ."""

import pytest
from django.urls import reverse

from programmes.cohorts.models import FrequentQuestion
from tests.factories import CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_public import FrequentQuestionFactory, PublicCohortFactory

pytestmark = pytest.mark.django_db


def post_data(cohort, questions=(), **overrides):
    data = {
        "page-contact_email": "spring@ftl.test",
        "page-decisions_by": cohort.applications_close_at.date().isoformat(),
        "page-offer_expert_talk": "Talks by regulators.",
        "page-offer_careers_insight": "",
        "page-offer_mentoring": "A mentor.",
        "page-offer_networking": "Evenings.",
        "faq-TOTAL_FORMS": str(len(questions) + 1),
        "faq-INITIAL_FORMS": str(len(questions)),
        "faq-MIN_NUM_FORMS": "0",
        "faq-MAX_NUM_FORMS": "1000",
        f"faq-{len(questions)}-question": "Is it online?",
        f"faq-{len(questions)}-answer": "Mostly.",
        f"faq-{len(questions)}-position": "3",
    }
    for i, question in enumerate(questions):
        data.update(
            {
                f"faq-{i}-id": str(question.pk),
                f"faq-{i}-question": question.question,
                f"faq-{i}-answer": question.answer,
                f"faq-{i}-position": "0",
            }
        )
    data.update(overrides)
    return data


@pytest.fixture
def cohort():
    return PublicCohortFactory(contact_email="", offer={})


def test_a_coordinator_writes_the_public_page_and_sees_it_there(client, cohort):
    client.force_login(CoordinatorFactory())
    url = reverse("setup_public_page", args=[cohort.pk])
    assert "Public page of" in client.get(url).content.decode()
    response = client.post(url, post_data(cohort))
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.contact_email == "spring@ftl.test"
    assert cohort.offer["mentoring"] == "A mentor." and cohort.offer["careers_insight"] == ""
    assert [q.question for q in cohort.frequent_questions.all()] == ["Is it online?"]
    page = client.get(reverse("cohort_detail", args=[cohort.slug])).content.decode()
    assert "Talks by regulators." in page and "Is it online?" in page and "mailto:spring@ftl.test" in page
    assert "Careers insight</h3>" not in page


def test_a_question_is_removed_and_another_edited_in_one_save(client, cohort):
    keep, drop = FrequentQuestionFactory(cohort=cohort, question="Keep?"), FrequentQuestionFactory(cohort=cohort)
    client.force_login(CoordinatorFactory())
    data = post_data(cohort, questions=[keep, drop], **{"faq-0-answer": "Edited.", "faq-1-DELETE": "on"})
    assert client.post(reverse("setup_public_page", args=[cohort.pk]), data).status_code == 302
    assert sorted(FrequentQuestion.objects.values_list("question", "answer")) == [
        ("Is it online?", "Mostly."),
        ("Keep?", "Edited."),
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("page-decisions_by", "2000-01-01", "Decisions come after applications close."),
        ("page-contact_email", "not-an-address", "Enter a valid email address."),
        ("faq-0-answer", "", "This field is required."),
    ],
)
def test_bad_input_is_named_on_the_page_and_nothing_is_written(client, cohort, field, value, message):
    client.force_login(CoordinatorFactory())
    response = client.post(reverse("setup_public_page", args=[cohort.pk]), post_data(cohort, **{field: value}))
    assert response.status_code == 200 and message in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.contact_email == "" and cohort.offer == {} and not cohort.frequent_questions.exists()


@pytest.mark.parametrize("factory", [StudentFactory, StaffFactory])
def test_only_coordinators_reach_the_public_page_set_up(client, cohort, factory):
    client.force_login(factory())
    url = reverse("setup_public_page", args=[cohort.pk])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, post_data(cohort)).status_code in (403, 404)
    assert not cohort.frequent_questions.exists()


def test_another_cohort_s_question_cannot_be_edited_through_this_one(client, cohort):
    other = FrequentQuestionFactory(question="Someone else's")
    client.force_login(CoordinatorFactory())
    client.post(reverse("setup_public_page", args=[cohort.pk]), post_data(cohort, questions=[other]))
    other.refresh_from_db()
    assert other.question == "Someone else's" and other.cohort_id != cohort.pk
