"""Staff must have TOTP before reaching their pages; the check is remembered per session."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_removed
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.middleware import MFA_CONFIRMED_SESSION_KEY
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(settings):
    settings.FTL_DEMO_MFA_OPTIONAL = False
    return StaffFactory()


def with_totp(user):
    return Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})


def authenticator_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured.captured_queries if "mfa_authenticator" in q["sql"]]


def sent_to_mfa_setup(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_without_totp_are_sent_to_set_it_up(client, staff):
    client.force_login(staff)
    assert sent_to_mfa_setup(client.get(reverse("review_queue")))


def test_totp_is_looked_up_once_per_session(client, staff):
    with_totp(staff)
    client.force_login(staff)
    first, first_queries = authenticator_queries(client, reverse("review_queue"))
    second, second_queries = authenticator_queries(client, reverse("review_queue"))
    assert first.status_code == second.status_code == 200
    assert len(first_queries) == 1 and second_queries == []


@pytest.mark.redis_sessions  # where REDIS_URL is set: the sessions kept in Redis end too
def test_removing_the_authenticator_makes_the_session_check_again(client, staff):
    totp = with_totp(staff)
    client.force_login(staff)
    assert client.get(reverse("review_queue")).status_code == 200
    # What allauth's deactivate flow does, on this session: delete, then signal.
    request = RequestFactory().post("/accounts/2fa/totp/deactivate/")
    request.user, request.session = staff, client.session  # the portal's session engine's store
    totp.delete()
    authenticator_removed.send(sender=Authenticator, request=request, user=staff, authenticator=totp)
    request.session.save()
    assert sent_to_mfa_setup(client.get(reverse("review_queue")))


def test_a_remembered_check_counts_only_for_the_user_it_was_made_for(client, staff):
    client.force_login(staff)
    session = client.session
    session[MFA_CONFIRMED_SESSION_KEY] = StaffFactory().pk
    session.save()
    assert sent_to_mfa_setup(client.get(reverse("review_queue")))
