"""A token signed with the portal's key and the right salt that holds something other than what
the portal writes there (a list, a string, ids that are not whole numbers) is a bad link, never a 500."""

import pytest
from django.core import signing
from django.urls import reverse

from programmes.events.tokens import RELEASE_SALT
from programmes.recruitment.emails import CONFIRM_SALT

pytestmark = pytest.mark.django_db

WRONG_SHAPES = [[1, 2], "text", 7, {"booking": "1", "revision": [0]}, {"c": {"x": 1}, "p": "1"}, {}]


@pytest.mark.parametrize("data", WRONG_SHAPES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_release_link_holding_the_wrong_shape_is_not_valid(client, data, method):
    token = signing.dumps(data, salt=RELEASE_SALT)
    response = getattr(client, method)(reverse("sessions:release", args=[token]))
    assert response.status_code == 410
    assert "This link is not valid" in response.content.decode()


@pytest.mark.parametrize("data", WRONG_SHAPES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_confirmation_link_holding_the_wrong_shape_is_not_valid(client, data, method):
    token = signing.dumps(data, salt=CONFIRM_SALT)
    response = getattr(client, method)(reverse("campaigns:confirm_interest", args=[token]))
    assert response.status_code == 400
