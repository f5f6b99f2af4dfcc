"""The funnel page and the staff and coordinator dashboard panels."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_reviews import (
    ReviewFactory,
    SubmittedApplicationFactory,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    return university_in_cohort()


def test_coordinator_dashboard_query_count_does_not_grow_with_applications(client):
    client.force_login(CoordinatorFactory())
    counts = {}
    seat = university_in_cohort()
    other = university_in_cohort(cohort=seat.cohort)
    for rows, total in ((1, 1), (20, 21)):
        for university in (seat, other):
            SubmittedApplicationFactory.create_batch(rows, cohort=seat.cohort, partner=university.partner)
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
