import re

import pytest
from django.urls import reverse

from accounts.models import Role, User
from ftl_portal.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def code_from_outbox(email):
    message = OutboxMessage.objects.filter(to=email).latest("created_at")
    match = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", message.body_text, re.MULTILINE)
    assert match, message.body_text
    return match.group(1)


def test_student_signs_up_with_emailed_code_and_lands_on_dashboard(client):
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Ada Lovelace",
            "email": "ada@warwick.ac.uk",
            "password1": "a-long-pass-123",
            "password2": "a-long-pass-123",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="ada@warwick.ac.uk")
    assert user.role == Role.STUDENT and user.full_name == "Ada Lovelace"

    page = client.get(response["Location"])
    assert "code" in page.content.decode().lower()

    response = client.post(response["Location"], {"code": code_from_outbox("ada@warwick.ac.uk")}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Hello, Ada" in response.content.decode()


def test_wrong_code_is_refused_with_a_message(client):
    response = client.post(
        reverse("account_signup"),
        {"full_name": "Bo", "email": "bo@aru.ac.uk", "password1": "a-long-pass-123", "password2": "a-long-pass-123"},
    )
    response = client.post(response["Location"], {"code": "ZZZZZZ"})
    assert response.status_code == 200
    assert "incorrect" in response.content.decode().lower()
    assert client.get(reverse("dashboard")).status_code == 302


def test_signup_email_waits_in_outbox_when_smtp_is_down(client, settings):
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    response = client.post(
        reverse("account_signup"),
        {"full_name": "Cy", "email": "cy@aru.ac.uk", "password1": "a-long-pass-123", "password2": "a-long-pass-123"},
    )
    assert response.status_code == 302
    message = OutboxMessage.objects.get(to="cy@aru.ac.uk")
    assert message.status == "queued"
