"""Role × route: every page of the apply journey and the set-up, for every kind of visitor.
Another student's application is a 404, not a 403: it does not exist for them."""

import pytest
from django.urls import reverse

from programmes.admissions.models import ApplicationState as S
from tests.factories import CoordinatorFactory, MentorFactory, StaffFactory, StudentFactory
from tests.factories_applications import (
    CompleteApplicationFactory,
    ExtensionFactory,
    private_media_fixture,  # noqa: F401
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

VISITORS = ["anonymous", "owner", "other_student", "staff_own", "staff_other", "coordinator", "mentor"]
LOGIN = "login"

PUBLIC = dict.fromkeys(VISITORS, 200)
OWN_APPLICATION = {
    "anonymous": LOGIN,
    "owner": 200,
    "other_student": 404,
    "staff_own": 403,
    "staff_other": 403,
    "coordinator": 403,
    "mentor": 403,
}
OWN_APPLICATION_POST = {**OWN_APPLICATION, "owner": 302}
# The owner already has a draft there, so they are sent on to it.
STUDENTS_ONLY = {**OWN_APPLICATION, "other_student": 200, "owner": 302}
COORDINATORS_ONLY = {
    "anonymous": LOGIN,
    "owner": 403,
    "other_student": 403,
    "staff_own": 403,
    "staff_other": 403,
    "coordinator": 200,
    "mentor": 403,
}

# (url name, args from the world, method, expected per visitor)
ROUTES = [
    ("pathway_list", lambda w: [], "get", PUBLIC),
    ("pathway_detail", lambda w: [w["pathway"].slug], "get", PUBLIC),
    ("cohort_list", lambda w: [], "get", PUBLIC),
    ("cohort_detail", lambda w: [w["app"].cohort.slug], "get", PUBLIC),
    ("application_start", lambda w: [w["app"].cohort.slug], "get", STUDENTS_ONLY),
    ("application_tasks", lambda w: [w["app"].pk], "get", OWN_APPLICATION),
    ("application_section", lambda w: [w["app"].pk, "motivation"], "get", OWN_APPLICATION),
    ("application_section", lambda w: [w["app"].pk, "cv"], "get", OWN_APPLICATION),
    ("application_check", lambda w: [w["app"].pk], "get", OWN_APPLICATION),
    ("application_withdraw", lambda w: [w["app"].pk], "get", OWN_APPLICATION),
    ("application_submit", lambda w: [w["app"].pk], "post", OWN_APPLICATION_POST),
    ("application_respond", lambda w: [w["app"].pk], "post", OWN_APPLICATION_POST),
    ("setup_index", lambda w: [], "get", COORDINATORS_ONLY),
    ("setup_partner_create", lambda w: [], "get", COORDINATORS_ONLY),
    ("setup_partner_edit", lambda w: [w["app"].partner.pk], "get", COORDINATORS_ONLY),
    ("setup_cohort_create", lambda w: [], "get", COORDINATORS_ONLY),
    ("setup_cohort_edit", lambda w: [w["app"].cohort.pk], "get", COORDINATORS_ONLY),
    ("setup_extensions", lambda w: [w["app"].cohort.pk], "get", COORDINATORS_ONLY),
    (
        "setup_extension_revoke",
        lambda w: [w["app"].cohort.pk, w["extension"].pk],
        "post",
        {**COORDINATORS_ONLY, "coordinator": 302},
    ),
    ("setup_pathway_create", lambda w: [], "get", COORDINATORS_ONLY),
    ("setup_pathway_edit", lambda w: [w["pathway"].pk], "get", COORDINATORS_ONLY),
]


@pytest.fixture
def world():
    from tests.factories import PathwayFactory

    app = CompleteApplicationFactory(state=S.DRAFT)
    return {
        "app": app,
        "pathway": PathwayFactory(),
        "extension": ExtensionFactory(cohort=app.cohort),
        "owner": app.student,
        "other_student": StudentFactory(),
        "staff_own": StaffFactory(partner=app.partner),
        "staff_other": StaffFactory(),
        "coordinator": CoordinatorFactory(),
        "mentor": MentorFactory(),
    }


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize(
    ("name", "args", "method", "expected"), ROUTES, ids=[f"{r[0]}-{i}" for i, r in enumerate(ROUTES)]
)
def test_route_answers_each_visitor_as_their_role_allows(client, world, visitor, name, args, method, expected):
    if visitor != "anonymous":
        client.force_login(world[visitor])
    url = reverse(name, args=args(world))
    response = getattr(client, method)(url)
    want = expected[visitor]
    if want == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == want, f"{visitor} {method} {url}"
