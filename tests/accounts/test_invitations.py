"""A coordinator invites staff, coordinators and mentors; the emailed link works once."""

import threading
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Role, User
from ftl_portal.outbox.models import OutboxMessage
from tests.factories import CoordinatorFactory, MentorFactory, PartnerFactory, StaffFactory, StudentFactory
from tests.factories_accounts import InvitationFactory, accept_link_from_outbox, set_up_totp_in_the_browser_flow

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-pass-42"
DASHBOARD_HEADINGS = {
    Role.STAFF: "Warwick Test · review dashboard",
    Role.COORDINATOR: "Programme coordination",
    Role.MENTOR: "Welcome, Mira",
}


def invite(client, **data):
    client.force_login(CoordinatorFactory())
    return client.post(reverse("invitation_list"), {"full_name": "Mira Invitee", **data}, follow=True)


def accept(client, link, password=NEW_PASSWORD):
    return client.post(link, {"full_name": "Mira Invitee", "password1": password, "password2": password}, follow=True)


@pytest.mark.parametrize("role", [Role.STAFF, Role.COORDINATOR, Role.MENTOR])
def test_each_invited_role_gets_an_email_sets_a_password_and_lands_on_its_dashboard(client, role):
    warwick = PartnerFactory(name="University of Warwick Test", short_name="Warwick Test", slug="warwick-test")
    email = f"{role}@invited.example.org"
    response = invite(client, email=email, role=role, partner=warwick.pk if role == Role.STAFF else "")
    assert f"Invitation sent to {email}." in response.content.decode()
    message = OutboxMessage.objects.get(to=email)
    assert message.subject.startswith("You are invited to the FTL Portal as")
    link = accept_link_from_outbox(email)
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    assert email in page.content.decode()
    response = accept(client, link)

    user = User.objects.get(email=email)
    assert user.role == role and user.full_name == "Mira Invitee"
    assert user.partner == (warwick if role == Role.STAFF else None)
    assert user.check_password(NEW_PASSWORD)
    assert EmailAddress.objects.get(user=user).verified
    invitation = Invitation.objects.get(email=email)
    assert invitation.accepted_user == user and invitation.status == "accepted"

    if role in (Role.STAFF, Role.COORDINATOR):
        # Not a demo account: two-factor set-up comes before any page of theirs.
        assert response.redirect_chain[1][0].startswith(reverse("mfa_activate_totp"))
        _, response = set_up_totp_in_the_browser_flow(client, NEW_PASSWORD)
        assert "Continue to your dashboard" in response.content.decode()
        response = client.get(reverse("dashboard"))
    else:
        assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert response.status_code == 200
    assert DASHBOARD_HEADINGS[role] in response.content.decode()

    # The password works for a normal sign-in later.
    client.logout()
    assert Client().login(email=email, password=NEW_PASSWORD)


def test_staff_need_a_university(client):
    response = invite(client, email="nouni@example.org", role=Role.STAFF, partner="")
    assert response.status_code == 200
    assert "Choose the university this member of staff reviews for." in response.content.decode()
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()


def test_an_existing_account_cannot_be_invited(client):
    student = StudentFactory()
    response = invite(client, email=student.email.upper(), role=Role.MENTOR)
    assert "Someone already has an account with this email address." in response.content.decode()
    assert not Invitation.objects.exists()


def test_students_are_not_an_invitable_role(client):
    response = invite(client, email="stu@example.org", role=Role.STUDENT)
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()


def test_re_inviting_an_address_withdraws_the_earlier_link(client):
    first = InvitationFactory(email="twice@example.org")
    link = reverse("invitation_accept", args=[services.invitation_token(first)])
    invite(client, email="twice@example.org", role=Role.MENTOR)
    assert Invitation.objects.filter(email="twice@example.org").count() == 2
    assert Client().get(link).status_code == 410


def link_for(invitation):
    return reverse("invitation_accept", args=[services.invitation_token(invitation)])


def assert_cannot_be_used(response, reason):
    assert response.status_code == 410
    page = response.content.decode()
    assert "This invitation cannot be used" in page and reason in page


def test_an_expired_link_gets_a_clear_page(client):
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(minutes=1))
    assert_cannot_be_used(client.get(link_for(invitation)), "has expired")
    assert_cannot_be_used(accept(client, link_for(invitation)), "has expired")
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_used_link_works_once(client):
    invitation = InvitationFactory()
    link = link_for(invitation)
    accept(client, link)
    assert User.objects.filter(email=invitation.email).count() == 1
    other = Client()
    assert_cannot_be_used(other.get(link), "already been used")
    assert_cannot_be_used(accept(other, link, password="another-pass-987"), "already been used")
    assert User.objects.get(email=invitation.email).check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: token.replace(":", ";", 1),
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_link_gets_a_clear_page(client, tamper):
    invitation = InvitationFactory()
    token = services.invitation_token(invitation)
    assert_cannot_be_used(client.get(reverse("invitation_accept", args=[tamper(token)])), "not valid")


def test_a_link_for_another_invitation_id_is_refused(client):
    invitation, other = InvitationFactory(), InvitationFactory()
    forged = services.signing.dumps({"id": other.pk, "nonce": invitation.nonce}, salt=services.INVITATION_SALT)
    assert_cannot_be_used(client.get(reverse("invitation_accept", args=[forged])), "not valid")


def test_a_withdrawn_link_gets_a_clear_page(client):
    invitation = InvitationFactory()
    client.force_login(invitation.invited_by)
    response = client.post(reverse("invitation_revoke", args=[invitation.pk]), follow=True)
    assert f"The invitation to {invitation.email} is withdrawn." in response.content.decode()
    client.logout()
    assert_cannot_be_used(client.get(link_for(invitation)), "withdrawn")


def test_double_submit_makes_one_account(client):
    invitation = InvitationFactory()
    link = link_for(invitation)
    first, second = accept(client, link), accept(Client(), link)
    assert first.status_code == 200 and second.status_code == 410
    assert User.objects.filter(email=invitation.email).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_concurrent_submits_on_postgres_make_one_account():
    invitation = InvitationFactory()
    link, barrier, statuses = link_for(invitation), threading.Barrier(4), []

    def submit():
        try:
            barrier.wait()
            statuses.append(accept(Client(), link).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 410, 410, 410]
    assert User.objects.filter(email=invitation.email).count() == 1


@pytest.mark.parametrize("factory", [StudentFactory, StaffFactory, MentorFactory])
def test_only_coordinators_manage_invitations(client, factory):
    invitation = InvitationFactory()
    client.force_login(factory())
    assert client.get(reverse("invitation_list")).status_code == 403
    assert client.post(reverse("invitation_list"), {"email": "x@example.org", "role": "mentor"}).status_code == 403
    assert client.post(reverse("invitation_revoke", args=[invitation.pk])).status_code == 403
    assert Invitation.objects.count() == 1 and Invitation.objects.get().revoked_at is None
