"""Every page carries the Content-Security-Policy, nosniff and Referrer-Policy headers."""

import importlib

import pytest
from django.urls import clear_url_caches, reverse

from tests.factories import CoordinatorFactory, MentorFactory, StaffFactory, StudentFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["home", "account_login", "account_signup", "account_reset_password", "privacy", "mailbox:index"]


def assert_secure_headers(response, path):
    assert response.status_code == 200, path
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
    assert "unsafe-inline" not in csp, path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "same-origin", path


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_carry_the_headers(client, name):
    path = reverse(name)
    assert_secure_headers(client.get(path), path)


@pytest.mark.parametrize("factory", [StudentFactory, StaffFactory, CoordinatorFactory, MentorFactory])
def test_each_roles_dashboard_carries_the_headers(client, factory):
    client.force_login(factory())
    assert_secure_headers(client.get(reverse("dashboard")), "dashboard")


def test_coordinator_pages_carry_the_headers(client):
    client.force_login(CoordinatorFactory())
    for name in ("outbox:list", "invitation_list"):
        assert_secure_headers(client.get(reverse(name)), name)


@pytest.fixture
def urls_without_mailbox(settings):
    import ftl_portal.urls

    settings.FTL_MAILBOX_ENABLED = False
    clear_url_caches()
    importlib.reload(ftl_portal.urls)
    yield
    settings.FTL_MAILBOX_ENABLED = True
    clear_url_caches()
    importlib.reload(ftl_portal.urls)


def test_the_mailbox_is_404_where_it_is_switched_off(client, urls_without_mailbox):
    response = client.get("/mailbox/")
    assert response.status_code == 404
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Mailbox (development)" not in client.get(reverse("home")).content.decode()
