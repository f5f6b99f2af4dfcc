"""Role × route for the privacy pages: everyone signed in uses their own data rights; only
coordinators see data requests and the access log; another person's bundle does not exist for you."""

import pytest
from django.urls import reverse

from programmes.privacy.models import DataRequest, ExportBundle, RequestKind
from programmes.privacy.services import request_export
from tests.factories import PEOPLE_BY_ROLE, CoordinatorFactory

pytestmark = pytest.mark.django_db

ROLES = sorted(PEOPLE_BY_ROLE)
LOGIN = "login"
SIGNED_IN = {"anonymous": LOGIN, "student": 200, "staff": 200, "coordinator": 200, "mentor": 200}
COORDINATORS = {"anonymous": LOGIN, "student": 403, "staff": 403, "coordinator": 200, "mentor": 403}
PUBLIC = dict.fromkeys(ROLES, 200)
# A coordinator's bundle for a request: its coordinators may open it, nobody else knows it exists.
REQUEST_BUNDLE = {"anonymous": 404, "student": 404, "staff": 404, "coordinator": 200, "mentor": 404}


@pytest.fixture
def world():
    coordinator = CoordinatorFactory()
    data_request = DataRequest.objects.create(email="x@example.org", kind=RequestKind.ACCESS, received_on="2026-11-01")
    bundle = request_export(requested_by=coordinator, email="x@example.org", request=data_request)
    return {"request": data_request, "bundle": bundle}


ROUTES = [
    ("privacy:my_data", lambda w: [], SIGNED_IN),
    ("privacy:erase_account", lambda w: [], SIGNED_IN),
    ("privacy:prospect_request", lambda w: [], PUBLIC),
    ("privacy:request_list", lambda w: [], COORDINATORS),
    ("privacy:request_detail", lambda w: [w["request"].pk], COORDINATORS),
    ("privacy:access_log", lambda w: [], COORDINATORS),
    ("privacy:bundle", lambda w: [w["bundle"].token], REQUEST_BUNDLE),
]


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(("name", "args", "expected"), ROUTES, ids=[r[0] for r in ROUTES])
def test_who_may_open_each_page(client, world, who, name, args, expected):
    if who != "anonymous":
        client.force_login(PEOPLE_BY_ROLE[who]())
    response = client.get(reverse(name, args=args(world)))
    if expected[who] == LOGIN:
        assert response.status_code == 302 and "/accounts/login/" in response.url
    else:
        assert response.status_code == expected[who]


@pytest.mark.parametrize("name", ["privacy:request_export", "privacy:request_erase"])
@pytest.mark.parametrize("who", ["student", "staff", "mentor"])
def test_only_coordinators_act_on_requests(client, world, who, name):
    client.force_login(PEOPLE_BY_ROLE[who]())
    assert client.post(reverse(name, args=[world["request"].pk]), {"reason": "x"}).status_code == 403
    assert ExportBundle.objects.count() == 1


def test_a_prospect_bundle_opens_with_its_token_alone(client):
    bundle = request_export(requested_by=None, email="pat@example.org")
    assert client.get(reverse("privacy:bundle", args=[bundle.token])).status_code == 200
    assert client.get(reverse("privacy:bundle", args=["not-a-token"])).status_code == 404
