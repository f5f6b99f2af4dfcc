"""The emailed-code page: "Cancel" is a quiet link beside the "Confirm" button, not a twin of it."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_on_the_code_page_cancel_does_not_look_like_confirm(client):
    response = client.post(
        reverse("account_signup"),
        {"full_name": "Di", "email": "di@aru.ac.uk", "password1": "a-long-pass-123", "password2": "a-long-pass-123"},
    )
    page = client.get(response["Location"]).content.decode()
    buttons = dict(
        (label.strip(), classes)
        for classes, label in re.findall(r'<(?:button|a)[^>]*class="btn ([^"]*)"[^>]*>\s*([^<]+?)\s*</', page)
    )
    assert "btn-primary" in buttons["Confirm"]
    assert "btn-link" in buttons["Cancel"] and "btn-primary" not in buttons["Cancel"]
