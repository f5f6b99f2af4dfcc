import re

import pytest
from django.urls import reverse

from ftl_portal.outbox.models import OutboxMessage
from programmes.completion.models import Certificate, CompletionCriteria
from programmes.events.models import BookingStatus, SessionKind
from tests.factories import CohortFactory, CoordinatorFactory, PartnerFactory, StaffFactory
from tests.factories_completion import attend, complete_everything, meet, simple_criteria
from tests.factories_sessions import confirmed_student

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    person = CoordinatorFactory()
    client.force_login(person)
    return person


def named(user, name):
    """A fixed name: Faker's may carry an apostrophe (escaped in the page) or contain another's."""
    user.full_name = name
    user.save(update_fields=["full_name"])
    return user


def fill(cohort, n):
    partner = PartnerFactory()
    for i in range(n):
        student = confirmed_student(cohort, partner)
        if i % 3 == 0:
            complete_everything(student, cohort)
            Certificate.objects.create(participant=student, cohort=cohort)
        else:
            attend(student, cohort, count=1, status=BookingStatus.NO_SHOW if i % 2 else BookingStatus.ATTENDED)
            meet(student, cohort)


@pytest.mark.parametrize("n", [1, 20])
def test_the_progress_page_costs_the_same_for_1_and_20(client, coordinator, django_assert_num_queries, n):
    cohort = CohortFactory()
    fill(cohort, n)
    url = reverse("completion:cohort", args=[cohort.pk])
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.content.decode().count('<th scope="row">') == n


# Session, user, cohort, criteria, 8 of evidence (applications and their pathways, bookings,
# attended pathways, matches, meetings, self-assessments, certificates), partners for the filter.
QUERIES = 13


def test_the_page_lists_progress_and_filters(client, coordinator):
    cohort = CohortFactory()
    simple_criteria(cohort)
    north, south = PartnerFactory(name="North University"), PartnerFactory(name="South University")
    done = named(confirmed_student(cohort, north), "Ada Lovelace")
    complete_everything(done, cohort)
    risky = named(confirmed_student(cohort, south), "Brendan Byrne")
    attend(risky, cohort, count=2, status=BookingStatus.NO_SHOW)
    url = reverse("completion:cohort", args=[cohort.pk])
    page = client.get(url).content.decode()
    assert str(done) in page and str(risky) in page and "missed 2 sessions" in page
    at_risk = client.get(url, {"status": "at_risk"}).content.decode()
    assert str(risky) in at_risk and str(done) not in at_risk
    completed = client.get(url, {"status": "completed"}).content.decode()
    assert str(done) in completed and str(risky) not in completed
    by_university = client.get(url, {"partner": north.pk}).content.decode()
    assert str(done) in by_university and str(risky) not in by_university
    assert client.get(url, {"partner": "nonsense", "status": "weird"}).status_code == 200


def test_progress_pages_are_for_coordinators(client):
    cohort = CohortFactory()
    for url in (
        reverse("completion:cohort", args=[cohort.pk]),
        reverse("completion:criteria", args=[cohort.pk]),
        reverse("completion:email_list", args=[cohort.pk]),
    ):
        client.force_login(StaffFactory())
        assert client.get(url).status_code == 403
        client.force_login(confirmed_student(cohort))
        assert client.get(url).status_code == 403
        client.logout()
        assert client.get(url).status_code == 302
    client.force_login(CoordinatorFactory())
    assert client.get(reverse("completion:cohort", args=[999999])).status_code == 404


def test_coordinator_sets_the_criteria(client, coordinator):
    cohort = CohortFactory()
    url = reverse("completion:criteria", args=[cohort.pk])
    assert 'value="4"' in client.get(url).content.decode()  # the defaults
    form = {"sessions_attended": 3, "mentor_meetings": 1, "end_survey": "on"}
    form.update({f"kind_{kind}": 0 for kind in SessionKind.values})
    too_many = {**form, f"kind_{SessionKind.CAREERS_INSIGHT}": 5}
    assert "add up to more than" in client.post(url, too_many).content.decode()
    assert client.post(url, {**form, "sessions_attended": "lots"}).status_code == 200
    response = client.post(url, {**form, f"kind_{SessionKind.CAREERS_INSIGHT}": 1})
    assert response.status_code == 302
    criteria = CompletionCriteria.objects.get(cohort=cohort)
    assert criteria.sessions_attended == 3 and criteria.sessions_by_kind == {SessionKind.CAREERS_INSIGHT: 1}


def test_setup_links_each_cohort_to_its_criteria(client, coordinator):
    cohort = CohortFactory()
    assert reverse("completion:criteria", args=[cohort.pk]) in client.get(reverse("setup_index")).content.decode()


def test_check_completions_button_issues_certificates(client, coordinator):
    cohort = CohortFactory()
    simple_criteria(cohort)
    complete_everything(confirmed_student(cohort), cohort)
    response = client.post(reverse("completion:check", args=[cohort.pk]), follow=True)
    assert "1 new certificate issued" in response.content.decode()
    assert Certificate.objects.filter(cohort=cohort).count() == 1


def test_email_this_list_previews_confirms_and_queues_once(client, coordinator, run_on_commit):
    cohort = CohortFactory(name="Pilot")
    risky = confirmed_student(cohort)
    attend(risky, cohort, count=2, status=BookingStatus.NO_SHOW)
    fine = confirmed_student(cohort)
    url = reverse("completion:email_list", args=[cohort.pk]) + "?status=at_risk"
    page = client.get(url).content.decode()
    assert risky.email in page and fine.email not in page
    body = "We missed you & hope all is well.\n\nSee you soon."
    message = {"batch": "a" * 32, "subject": "Catching up", "body": body}
    preview = client.post(url, message).content.decode()
    assert "Confirm: send to 1 participant" in preview and "We missed you &amp; hope all is well." in preview
    assert not OutboxMessage.objects.exists()
    audience = re.search(r'name="audience" value="(\w+)"', preview).group(1)
    confirmed = {**message, "confirm": "yes", "audience": audience}
    # Someone joins the list after the preview: nothing goes, and the page says so.
    late = confirmed_student(cohort)
    attend(late, cohort, count=2, status=BookingStatus.NO_SHOW)
    changed = client.post(url, confirmed).content.decode()
    assert "The list changed since you opened this confirmation" in changed and not OutboxMessage.objects.exists()
    late.applications.update(state="withdrawn")
    with run_on_commit():
        client.post(url, confirmed)
    client.post(url, confirmed)
    sent = OutboxMessage.objects.get()
    assert sent.key == f"completion-list:{cohort.pk}:{'a' * 32}:{risky.pk}"
    assert sent.to == risky.email and sent.subject == "Catching up"
    assert "We missed you & hope all is well.\n\nSee you soon." in sent.body_text


def test_email_list_refuses_bad_input(client, coordinator):
    cohort = CohortFactory()
    confirmed_student(cohort)
    url = reverse("completion:email_list", args=[cohort.pk])
    page = client.post(url, {"batch": "not-hex", "subject": "", "body": "", "confirm": "yes"}).content.decode()
    assert "This field is required" in page
    assert not OutboxMessage.objects.exists()
    empty = reverse("completion:email_list", args=[cohort.pk]) + "?status=completed"
    page = client.post(empty, {"batch": "b" * 32, "subject": "Hi", "body": "Hello", "confirm": "yes"}).content.decode()
    assert "Nobody is on this list" in page
