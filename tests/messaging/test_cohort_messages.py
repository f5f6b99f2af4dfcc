"""Coordinators email part of a cohort: each audience picks exactly its people (never an erased
account), the preview shows whom and how many, and confirming twice emails each person once."""

import re

import pytest
from django.urls import reverse

from ftl_portal.outbox.models import OutboxMessage
from ftl_portal.privacy import entry_for
from mentoring.models import MatchState
from programmes.admissions.models import ApplicationState
from programmes.events.models import BookingStatus
from programmes.messaging.models import Audience, CohortMessage
from programmes.messaging.selectors import recipients_for
from programmes.messaging.services import MessageRefused, create_message
from tests.factories import ApplicationFactory, CoordinatorFactory, PartnerFactory, StaffFactory, StudentFactory
from tests.factories_mentoring import MatchFactory, MeetingFactory
from tests.factories_sessions import BookingFactory, SessionFactory, confirmed_student

pytestmark = pytest.mark.django_db


def draft(cohort, audience, **fields):
    return create_message(
        created_by=CoordinatorFactory(), cohort=cohort, audience=audience, subject="Hi", body="Body", **fields
    )


def erase(user):
    type(user).objects.filter(pk=user.pk).update(is_active=False)


@pytest.mark.parametrize(
    "audience,status",
    [
        (Audience.SESSION_BOOKED, BookingStatus.BOOKED),
        (Audience.SESSION_ATTENDED, BookingStatus.ATTENDED),
        (Audience.SESSION_NO_SHOW, BookingStatus.NO_SHOW),
    ],
)
def test_a_session_audience_is_the_people_with_that_status(audience, status):
    session = SessionFactory()
    wanted = {s: BookingFactory(session=session, status=s).participant for s in BookingStatus.values}
    erased = BookingFactory(session=session, status=status).participant
    erase(erased)
    BookingFactory(status=status)  # the same status on another session
    assert list(recipients_for(draft(session.cohort, audience, session=session))) == [wanted[status]]


def test_a_university_audience_is_its_confirmed_participants_of_that_cohort():
    session = SessionFactory()
    cohort, warwick, aru = session.cohort, PartnerFactory(), PartnerFactory()
    insiders = sorted([confirmed_student(cohort, warwick) for _ in range(2)], key=lambda u: (u.full_name, u.email))
    confirmed_student(cohort, aru)
    ApplicationFactory(cohort=cohort, partner=warwick, state=ApplicationState.OFFERED)
    erase(confirmed_student(cohort, warwick))
    ApplicationFactory(partner=warwick, state=ApplicationState.CONFIRMED)  # another cohort
    assert list(recipients_for(draft(cohort, Audience.UNIVERSITY, partner=warwick))) == insiders


def test_mentees_without_a_meeting_are_those_of_active_matches_with_none():
    waiting = MatchFactory()
    cohort = waiting.cohort
    MeetingFactory(match=MatchFactory(cohort=cohort))
    MatchFactory(cohort=cohort, state=MatchState.ENDED)
    MatchFactory()  # another cohort
    erase(MatchFactory(cohort=cohort).student)
    assert list(recipients_for(draft(cohort, Audience.MENTEES_WITHOUT_MEETING))) == [waiting.student]


def test_a_session_audience_needs_a_session_of_the_cohort():
    with pytest.raises(MessageRefused, match="Choose a session of this cohort"):
        draft(SessionFactory().cohort, Audience.SESSION_BOOKED, session=SessionFactory())


@pytest.fixture
def coordinator(client):
    user = CoordinatorFactory(full_name="Dana Cole")
    client.force_login(user)
    return user


def test_preview_then_confirm_twice_sends_one_email_each(client, coordinator):
    session = SessionFactory()
    assert "Message the cohort" in client.get(reverse("dashboard")).text
    start = client.get(reverse("sessions:manage_detail", args=[session.pk]))
    assert reverse("messaging:new") + f"?cohort={session.cohort_id}&amp;session={session.pk}" in start.text
    people = [BookingFactory(session=session).participant for _ in range(3)]
    form = {
        "cohort": session.cohort_id,
        "audience": Audience.SESSION_BOOKED,
        "session": session.pk,
        "subject": "Bring your laptop",
        "body": "We will build a prototype together.",
    }
    preview = client.post(reverse("messaging:new"), form, follow=True)
    assert "This message will go to 3 people." in preview.text
    first = sorted(people, key=lambda u: (u.full_name, u.email))[0]
    assert f"Hello {first.get_short_name()}," in preview.text
    assert all(person.email in preview.text for person in people)
    assert not OutboxMessage.objects.filter(key__startswith="message:").exists()  # nothing until confirmed

    message = CohortMessage.objects.get()
    send = reverse("messaging:send", args=[message.pk])
    confirmed = {"audience": re.search(r'name="audience" value="([0-9a-f]+)"', preview.text).group(1)}
    late = BookingFactory(session=session).participant
    changed = client.post(send, confirmed, follow=True)
    assert "The list changed since you opened this confirmation, so nothing was sent." in changed.text
    assert late.email in changed.text and "Send to 4 people" in changed.text
    type(late).objects.filter(pk=late.pk).update(is_active=False)
    assert "on its way to 3 people" in client.post(send, confirmed, follow=True).text
    assert "already been sent" in client.post(send, confirmed, follow=True).text
    sent = OutboxMessage.objects.filter(key__startswith=f"message:{message.pk}:")
    assert sorted(sent.values_list("to", flat=True)) == sorted(p.email for p in people)
    assert {m.key for m in sent} == {f"message:{message.pk}:{p.pk}" for p in people}
    assert all("Dana Cole" in m.body_text and m.kind == "service" for m in sent)
    message.refresh_from_db()
    assert message.recipient_count == 3 and message.sent_at


def test_sending_to_nobody_is_refused(client, coordinator):
    message = draft(SessionFactory().cohort, Audience.MENTEES_WITHOUT_MEETING)
    assert "Nobody is in this audience" in client.get(reverse("messaging:preview", args=[message.pk])).text
    assert "Nobody is in this audience" in client.post(reverse("messaging:send", args=[message.pk]), follow=True).text
    message.refresh_from_db()
    assert message.sent_at is None


def test_bad_input_is_shown_on_the_form(client, coordinator):
    cohort = SessionFactory().cohort
    page = client.post(reverse("messaging:new"), {"cohort": cohort.pk, "audience": Audience.UNIVERSITY, "subject": "x"})
    assert page.status_code == 200 and "Choose the university." in page.text


@pytest.mark.parametrize("factory", [StudentFactory, StaffFactory])
def test_only_coordinators_may_message_the_cohort(client, factory):
    message = draft(SessionFactory().cohort, Audience.MENTEES_WITHOUT_MEETING)
    client.force_login(factory())
    for url in (reverse("messaging:list"), reverse("messaging:new"), reverse("messaging:preview", args=[message.pk])):
        assert client.get(url).status_code == 403
    assert client.post(reverse("messaging:send", args=[message.pk])).status_code == 403


def test_the_sender_is_exported_and_forgotten_on_erasure():
    message = draft(SessionFactory().cohort, Audience.MENTEES_WITHOUT_MEETING)
    entry = entry_for(CohortMessage)
    rows = entry.rows(message.created_by)
    assert [entry.export(row)["subject"] for row in rows] == ["Hi"]
    entry.erase(rows)
    message.refresh_from_db()
    assert message.created_by is None


@pytest.mark.parametrize("rows", [1, 50])
def test_preview_query_count_does_not_grow_with_recipients(client, coordinator, django_assert_num_queries, rows):
    session = SessionFactory(capacity=100)
    BookingFactory.create_batch(rows, session=session)
    message = draft(session.cohort, Audience.SESSION_BOOKED, session=session)
    client.get(reverse("messaging:preview", args=[message.pk]))
    # session, user, the message, its recipients
    with django_assert_num_queries(4):
        page = client.get(reverse("messaging:preview", args=[message.pk])).text
    assert page.count("<details") == rows
