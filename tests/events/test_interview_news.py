"""The news of free interview slots: offered on the slots page when invited applicants hold none,
confirmed on a page naming each of them and the email they get, sent once per confirmed audience."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import ApplicationState
from programmes.events.services import interviews
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_interviews import InterviewSlotFactory, interviewing_cohort, invited

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    return interviewing_cohort()


@pytest.fixture
def coordinator_client(client):
    client.force_login(CoordinatorFactory())
    return client


def news_url(seat):
    return reverse("sessions:interview_slots_news", args=[seat.cohort.pk])


def audience_of(page):
    return page.split('name="audience" value="')[1].split('"')[0]


def news_keys():
    return sorted(OutboxMessage.objects.filter(key__startswith="interview-slots:").values_list("to", flat=True))


def test_applicants_without_a_slot_are_named_then_told_once(coordinator_client, seat):
    waiting = [invited(seat, student__full_name=name) for name in ("Amara Obi", "Ben Carter")]
    holder = invited(seat, student__full_name="Cleo Dunn")
    decided = invited(seat, student__full_name="Dev Rao")
    decided.state = ApplicationState.OFFERED
    decided.save()
    held, *free = [
        InterviewSlotFactory(cohort=seat.cohort, starts_at=timezone.now() + timedelta(days=d)) for d in (3, 4, 5)
    ]
    interviews.book_interview(session=held, student=holder.student)
    slots_page = coordinator_client.get(reverse("sessions:interview_slots", args=[seat.cohort.pk])).content.decode()
    assert "2 invited applicants have no slot yet, and 2 slots are free." in slots_page
    page = coordinator_client.get(news_url(seat)).content.decode()
    assert "Tell 2 people about the free interview slots?" in page
    assert "Amara Obi" in page and "Ben Carter" in page and "Cleo Dunn" not in page and "Dev Rao" not in page
    assert "2 slots are free, the first on" in page  # the example email, rendered in full
    response = coordinator_client.post(news_url(seat), {"audience": audience_of(page)}, follow=True)
    assert "2 applicants told about the free slots." in response.content.decode()
    assert news_keys() == sorted(a.student.email for a in waiting)
    message = OutboxMessage.objects.get(to=waiting[0].student.email, key__startswith="interview-slots:")
    assert message.subject == f"Interview slots are open for {seat.cohort.name}"
    assert reverse("sessions:interview", args=[seat.cohort.pk]) in message.body_text
    again = coordinator_client.post(news_url(seat), {"audience": audience_of(page)}, follow=True)  # posted twice
    assert "Everyone listed was told about these slots already; nobody was emailed again." in again.content.decode()
    assert len(news_keys()) == 2


def test_a_changed_audience_sends_nothing_and_says_so(coordinator_client, seat):
    invited(seat)
    InterviewSlotFactory(cohort=seat.cohort)
    page = coordinator_client.get(news_url(seat)).content.decode()
    InterviewSlotFactory(cohort=seat.cohort, starts_at=timezone.now() + timedelta(days=9))  # a slot added meanwhile
    response = coordinator_client.post(news_url(seat), {"audience": audience_of(page)})
    assert "The list changed since you opened this confirmation, so nothing was sent." in response.content.decode()
    assert news_keys() == []
    page = response.content.decode()
    coordinator_client.post(news_url(seat), {"audience": audience_of(page)})
    assert len(news_keys()) == 1


def test_nothing_to_tell_without_free_slots(coordinator_client, seat):
    invited(seat)
    page = coordinator_client.get(news_url(seat)).content.decode()
    assert "No slot is free now, so there is nothing to tell." in page
    slots_page = coordinator_client.get(reverse("sessions:interview_slots", args=[seat.cohort.pk])).content.decode()
    assert 'data-testid="slot-news"' not in slots_page


def test_staff_may_not_send_the_news(client, seat):
    invited(seat)
    InterviewSlotFactory(cohort=seat.cohort)
    client.force_login(StaffFactory(partner=seat.partner))
    assert client.get(news_url(seat)).status_code == 403  # as the slots page: a role no coordinator has
    assert client.post(news_url(seat), {"audience": "x"}).status_code == 403
    assert news_keys() == []
