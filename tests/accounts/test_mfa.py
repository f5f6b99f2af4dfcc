"""Two-factor sign-in: required for university staff and coordinators before any page of theirs,
never asked of students or mentors, and covering the Django admin."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, CoordinatorFactory, MentorFactory, StaffFactory, StudentFactory
from tests.factories_accounts import give_totp, set_up_totp_in_the_browser_flow, totp_code

pytestmark = pytest.mark.django_db

REQUIRED = [StaffFactory, CoordinatorFactory]


def sign_in(client, user, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


@pytest.mark.parametrize("factory", REQUIRED)
def test_staff_and_coordinators_without_totp_go_to_set_up_before_any_page(client, factory):
    user = factory(is_demo=False)
    response = sign_in(client, user)
    assert response.status_code == 302
    pages = [reverse("dashboard"), reverse("invitation_list"), reverse("outbox:list"), "/admin/"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("mfa_activate_totp")), path
    assert client.get(reverse("privacy")).status_code == 200


@pytest.mark.parametrize("factory", REQUIRED)
def test_demo_accounts_skip_it_only_while_the_setting_allows(client, settings, factory):
    user = factory(is_demo=True)
    client.force_login(user)
    settings.FTL_DEMO_MFA_OPTIONAL = True
    assert client.get(reverse("dashboard")).status_code == 200
    settings.FTL_DEMO_MFA_OPTIONAL = False
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("mfa_activate_totp"))


@pytest.mark.parametrize("factory", REQUIRED)
def test_after_activating_totp_they_reach_the_dashboard_and_the_next_login_asks_for_the_code(client, factory):
    user = factory(is_demo=False)
    sign_in(client, user)
    secret, response = set_up_totp_in_the_browser_flow(client, PASSWORD)
    assert response.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    assert client.get(reverse("dashboard")).status_code == 200

    client.post(reverse("account_logout"))
    response = sign_in(client, user)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("dashboard")).status_code == 302, "not signed in before the code"
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Incorrect code" in response.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert response.status_code == 200


@pytest.mark.parametrize("factory", [StudentFactory, MentorFactory])
def test_students_and_mentors_are_never_asked(client, settings, factory):
    settings.FTL_DEMO_MFA_OPTIONAL = False
    user = factory()
    response = sign_in(client, user)
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    # The admin's own password form is not a way round allauth (rate limits, two-factor).
    coordinator = CoordinatorFactory(is_demo=False, is_staff=True, is_superuser=True)
    secret = give_totp(coordinator)
    client.post("/admin/login/", {"username": coordinator.email, "password": PASSWORD})
    assert client.get("/admin/")["Location"].startswith("/admin/login/")

    assert sign_in(client, coordinator)["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200


def test_a_signed_in_person_without_admin_rights_gets_403_from_the_admin_login(client):
    client.force_login(StudentFactory())
    assert client.get("/admin/login/").status_code == 403
