"""Password reset by emailed link, through the outbox, without telling strangers who has an account."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ftl_portal.outbox.models import OutboxMessage
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


def without_csrf_tokens(response):
    return re.sub(r'(value="|X-CSRFToken": ")[^"]+"', "", response.content.decode())


def request_reset(client, email, capture):
    with capture(execute=True):
        return client.post(reverse("account_reset_password"), {"email": email}, follow=True)


def test_a_reset_link_arrives_through_the_outbox_and_sets_a_new_password(client, django_capture_on_commit_callbacks):
    student = StudentFactory(email="reset.me@warwick.ac.uk")
    response = request_reset(client, student.email, django_capture_on_commit_callbacks)
    assert response.redirect_chain[-1][0] == reverse("account_reset_password_done")

    message = OutboxMessage.objects.get(to=student.email)
    assert message.status == "sent" and message.source == "account"
    assert [m.to for m in mail.outbox] == [[student.email]]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body_text).group(1)

    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "a-fresh-password-77", "password2": "a-fresh-password-77"}, follow=True
    )
    assert response.status_code == 200
    assert Client().login(email=student.email, password="a-fresh-password-77")

    # The link is spent.
    assert "invalid" in Client().get(link, follow=True).content.decode().lower()


def test_an_unknown_address_gets_the_same_page(client, django_capture_on_commit_callbacks):
    StudentFactory(email="known@aru.ac.uk")
    known = request_reset(client, "known@aru.ac.uk", django_capture_on_commit_callbacks)
    unknown = request_reset(Client(), "nobody@aru.ac.uk", django_capture_on_commit_callbacks)
    assert known.redirect_chain == unknown.redirect_chain
    assert without_csrf_tokens(known) == without_csrf_tokens(unknown)
    # The stranger's address is told no account exists (allauth's enumeration-safe email), not a link.
    unknown_message = OutboxMessage.objects.get(to="nobody@aru.ac.uk")
    assert "/accounts/password/reset/key/" not in unknown_message.body_text
