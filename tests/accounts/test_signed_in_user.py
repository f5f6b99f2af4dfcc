"""request.user is the signed-in user itself (accounts.middleware.SignedInUserMiddleware), loaded as
Django's own proxy would load it: the session's user, once, and nobody for a session Django ends."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_request_carries_its_user_loaded_by_one_query(client):
    student = StudentFactory(full_name="Ann Student")
    client.force_login(student)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("privacy"))
    assert len([q for q in captured if 'FROM "accounts_user"' in q["sql"]]) == 1
    assert type(response.wsgi_request.user) is User
    assert response.wsgi_request.user.pk == student.pk
    assert "Ann Student" in response.content.decode()


def test_a_visitor_is_anonymous_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("privacy"))
    assert type(response.wsgi_request.user) is AnonymousUser
    assert "Sign in" in response.content.decode()


def test_a_password_changed_elsewhere_still_ends_this_session(client):
    student = StudentFactory(full_name="Ann Student")
    client.force_login(student)
    student.set_password("a-new-password-2026")
    student.save()
    page = client.get(reverse("privacy")).content.decode()
    assert "Ann Student" not in page and "Sign in" in page
