"""The Django admin belongs to a few platform admins (createsuperuser), each with two-factor sign-in;
coordinators, the demo one included, work through the portal's pages and its rules."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import ACCOUNTS, DEMO_PASSWORD, seed
from accounts.models import Role, User
from tests.factories import PartnerFactory
from tests.factories_accounts import give_totp, totp_code

pytestmark = pytest.mark.django_db


def seed_accounts():
    seed({"warwick": PartnerFactory(slug="warwick"), "aru": PartnerFactory(slug="aru")})


def test_no_demo_account_has_the_admin_and_the_demo_coordinator_gets_403_there(client):
    seed_accounts()
    assert not User.objects.filter(email__in=[email for email, *_ in ACCOUNTS], is_staff=True).exists()
    assert not User.objects.filter(is_superuser=True).exists()
    client.post(reverse("account_login"), {"login": "coordinator@medilink.test", "password": DEMO_PASSWORD})
    assert client.get(reverse("setup_index")).status_code == 200
    assert client.get("/admin/", follow=True).status_code == 403


def test_seeding_again_takes_the_admin_from_a_demo_coordinator_seeded_before():
    seed_accounts()
    User.objects.filter(email="coordinator@medilink.test").update(is_staff=True, is_superuser=True)
    seed_accounts()
    coordinator = User.objects.get(email="coordinator@medilink.test")
    assert not coordinator.is_staff and not coordinator.is_superuser


def test_a_platform_admin_made_with_createsuperuser_must_set_up_two_factor_before_the_admin(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-admin-password-1")
    call_command("createsuperuser", "--noinput", email="it@medilink.test", stdout=StringIO())
    admin = User.objects.get(email="it@medilink.test")
    assert admin.is_superuser and admin.role == Role.COORDINATOR
    client.force_login(admin)  # after the email code of the first sign-in
    assert client.get("/admin/")["Location"].startswith(reverse("mfa_activate_totp"))


def test_admin_access_asks_for_two_factor_whatever_the_role(client):
    admin = User.objects.create_user(
        email="ops@example.org", password="a-long-admin-password-1", role=Role.MENTOR, is_staff=True
    )
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    client.post(reverse("account_login"), {"login": admin.email, "password": "a-long-admin-password-1"})
    assert client.get("/admin/")["Location"].startswith(reverse("mfa_activate_totp"))

    client.post(reverse("account_logout"))
    secret = give_totp(admin)
    assert client.post(reverse("account_login"), {"login": admin.email, "password": "a-long-admin-password-1"})[
        "Location"
    ] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200
