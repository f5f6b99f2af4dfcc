"""The funnel page and the staff and coordinator dashboard panels."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.admissions.services.applications import set_state
from tests.factories import ApplicationFactory, CoordinatorFactory, StaffFactory
from tests.factories_reviews import (
    ReviewFactory,
    SubmittedApplicationFactory,
    submitted_at_two_universities,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    return university_in_cohort()


def test_funnel_counts_each_stage_per_partner_in_a_table_beside_the_chart(client, seat):
    coordinator = CoordinatorFactory()
    ApplicationFactory(cohort=seat.cohort, partner=seat.partner)  # draft
    SubmittedApplicationFactory.create_batch(2, cohort=seat.cohort, partner=seat.partner)
    ReviewFactory(application=SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner))
    offered = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    set_state(application=offered, to_state="offered", actor=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("applications_funnel")).content.decode()
    assert "<svg" in page and 'aria-hidden="true"' in page
    assert f"<caption>{seat.partner.name}: applications by stage</caption>" in page
    for label, count in [("Draft", 1), ("Submitted, not yet reviewed", 2), ("Reviewed, awaiting decision", 1)]:
        assert f'<th scope="row">{label}</th><td class="text-end">{count}</td>' in page
    assert '<th scope="row">Offered</th><td class="text-end">1</td>' in page
    assert "style=" not in page.split("<main", 1)[1]


def test_coordinator_dashboard_query_count_does_not_grow_with_applications(client):
    client.force_login(CoordinatorFactory())
    counts = {}
    for rows, total in ((1, 1), (20, 21)):
        submitted_at_two_universities(rows)
        client.get(reverse("dashboard"))
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("dashboard")).content.decode()
        counts[rows] = len(queries)
        assert f"{total * 2} submitted across the partner universities" in page
    assert counts[1] == counts[20], counts


def test_staff_dashboard_shows_their_queue_counts(client, seat):
    staff = StaffFactory(partner=seat.partner)
    SubmittedApplicationFactory.create_batch(3, cohort=seat.cohort, partner=seat.partner)
    ReviewFactory(application=SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner), reviewer=staff)
    SubmittedApplicationFactory(cohort=seat.cohort, partner=university_in_cohort(cohort=seat.cohort).partner)
    client.force_login(staff)
    page = client.get(reverse("dashboard")).content.decode()
    assert "<strong>3</strong> to review" in page
    assert "<strong>1</strong> reviewed by you" in page
    assert "<strong>4</strong> submitted in all" in page
    assert f'href="{reverse("review_queue")}">All applications, reviewed ones too</a>' in page
