"""What a coordinator sees of the outbox, and that nobody else sees it."""

import pytest
from django.core import mail
from django.urls import reverse

from ftl_portal.outbox.models import MessageKind, MessageStatus
from tests.factories import CoordinatorFactory, MentorFactory, StaffFactory, StudentFactory
from tests.factories_outbox import OutboxMessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    client.force_login(CoordinatorFactory())
    return client


def listed(response):
    return {m.pk for m in response.context["page"]}


def test_the_list_filters_by_status_kind_and_recipient_or_subject(coordinator_client):
    sent = OutboxMessageFactory(status=MessageStatus.SENT, to="ada@warwick.ac.uk", subject="Your offer")
    failed = OutboxMessageFactory(status=MessageStatus.FAILED, to="bo@aru.ac.uk", subject="Reminder")
    marketing = OutboxMessageFactory(kind=MessageKind.MARKETING, status=MessageStatus.QUEUED, subject="Join FTL")
    url = reverse("outbox:list")

    assert listed(coordinator_client.get(url)) == {sent.pk, failed.pk, marketing.pk}
    assert listed(coordinator_client.get(url, {"status": "failed"})) == {failed.pk}
    assert listed(coordinator_client.get(url, {"kind": "marketing"})) == {marketing.pk}
    assert listed(coordinator_client.get(url, {"q": "warwick"})) == {sent.pk}
    assert listed(coordinator_client.get(url, {"q": "reminder"})) == {failed.pk}
    response = coordinator_client.get(url, {"status": "sent", "kind": "marketing"})
    assert "No emails match." in response.content.decode()


def test_detail_shows_the_message_its_error_and_a_sandboxed_html_preview(coordinator_client):
    message = OutboxMessageFactory(
        status=MessageStatus.FAILED,
        last_error="SMTPRecipientsRefused: 550 no such user",
        body_html="<p>Hello <b>Ada</b></p><script>alert(1)</script>",
    )
    page = coordinator_client.get(reverse("outbox:detail", args=[message.pk])).content.decode()
    assert message.subject in page and message.to in page
    assert "550 no such user" in page
    assert "Resend this email" in page

    preview = coordinator_client.get(reverse("outbox:html", args=[message.pk]))
    assert preview.content.decode().startswith("<p>Hello <b>Ada</b></p>")
    csp = preview["Content-Security-Policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp and "script-src" not in csp
    assert preview["X-Frame-Options"] == "SAMEORIGIN"


def test_a_coordinator_resends_a_failed_message_with_a_post(coordinator_client, django_capture_on_commit_callbacks):
    message = OutboxMessageFactory(status=MessageStatus.FAILED, attempts=6)
    url = reverse("outbox:resend", args=[message.pk])
    assert coordinator_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, follow=True)
    assert f"The email to {message.to} is queued again." in response.content.decode()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert [m.to for m in mail.outbox] == [[message.to]]

    response = coordinator_client.post(url, follow=True)
    assert "Only a failed email can be resent." in response.content.decode()
    assert len(mail.outbox) == 1


def test_an_unknown_message_is_404(coordinator_client):
    assert coordinator_client.get(reverse("outbox:detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("factory", [StudentFactory, StaffFactory, MentorFactory])
def test_other_roles_get_403_on_every_outbox_page(client, factory):
    message = OutboxMessageFactory(status=MessageStatus.FAILED)
    client.force_login(factory())
    for name in ("outbox:detail", "outbox:html"):
        assert client.get(reverse(name, args=[message.pk])).status_code == 403
    assert client.get(reverse("outbox:list")).status_code == 403
    assert client.post(reverse("outbox:resend", args=[message.pk])).status_code == 403
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(reverse("outbox:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("rows", [1, 50])
def test_the_list_costs_the_same_queries_for_1_and_50_rows(client, rows, django_assert_num_queries):
    coordinator = CoordinatorFactory()
    OutboxMessageFactory.create_batch(rows)
    client.force_login(coordinator)
    # session, user, count, page of rows
    with django_assert_num_queries(4):
        response = client.get(reverse("outbox:list"))
    assert len(response.context["page"]) == rows
