"""After signing in each role lands on its own dashboard; another role's page is a clear 403."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, CoordinatorFactory, MentorFactory, PartnerFactory, StaffFactory, StudentFactory

pytestmark = pytest.mark.django_db

COORDINATOR_PAGES = ["invitation_list", "outbox:list"]


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)


@pytest.mark.parametrize(
    "factory, heading",
    [
        (lambda: StudentFactory(full_name="Sam Student"), "Hello, Sam"),
        (lambda: StaffFactory(partner=PartnerFactory(short_name="ARU", slug="aru-t")), "ARU · review dashboard"),
        (CoordinatorFactory, "Programme coordination"),
        (lambda: MentorFactory(full_name="Mo Mentor"), "Welcome, Mo"),
    ],
)
def test_each_role_lands_on_its_own_dashboard(client, factory, heading):
    user = factory()
    response = sign_in(client, user)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert user.get_role_display() in page
    assert ('href="/outbox/"' in page) == user.is_coordinator


@pytest.mark.parametrize("factory", [StudentFactory, StaffFactory, MentorFactory])
def test_coordinator_pages_answer_403_with_a_clear_page(client, factory):
    client.force_login(factory())
    for name in COORDINATOR_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        assert "This page is not available to you" in response.content.decode()


@pytest.mark.parametrize("factory", [StudentFactory, StaffFactory, MentorFactory])
def test_the_admin_is_closed_to_other_roles(client, factory):
    client.force_login(factory())
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_anonymous_visitors_are_asked_to_sign_in(client):
    for name in ["dashboard", *COORDINATOR_PAGES]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), name
