"""The queue's page in one pre-written PostgreSQL statement gives what the ORM's queries give, for
every filter, sort and page; and a large match count stops at the cap, saying so."""

import pytest
from django.urls import reverse

from programmes.admissions.selectors import queue_rows
from programmes.admissions.selectors.reviews import QueueFilters, reader_of, review_queue
from tests.factories import CoordinatorFactory, PathwayFactory, StaffFactory, StudentFactory
from tests.factories_reviews import (
    ReviewFactory,
    StagedDecisionFactory,
    SubmittedApplicationFactory,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_data(blind_seat, blind_seat_staff):
    seat, staff = blind_seat, blind_seat_staff
    first, second = PathwayFactory(name="Regulatory affairs"), PathwayFactory(name="Imaging")
    applications = [
        SubmittedApplicationFactory(
            cohort=seat.cohort,
            partner=seat.partner,
            student=StudentFactory(full_name=f"Rosalind Franklin {n}" if n % 3 else f"Ada Lovelace {n}"),
            course="Physics" if n % 2 else "Nursing",
            level_of_study="ug" if n % 2 else "pgt",
            state="waitlisted" if n % 5 == 0 else "submitted",
        )
        for n in range(12)
    ]
    for n, application in enumerate(applications):
        application.pathways.add(*([first, second] if n % 2 else [second]))
        if n % 3 == 0:
            ReviewFactory(application=application, reviewer=staff, weighted_score=2.5 + n / 10)
        if n % 4 == 0:
            ReviewFactory(application=application, weighted_score=None, conflict_declared=True)
        if n % 2:
            ReviewFactory(application=application, weighted_score=3.0 + n / 7)
    StagedDecisionFactory(application=applications[1])
    other = university_in_cohort(cohort=seat.cohort)
    SubmittedApplicationFactory.create_batch(3, cohort=seat.cohort, partner=other.partner)
    return staff


FILTERS = [
    QueueFilters(),
    QueueFilters(status="submitted", level="ug", mine="to_review"),
    QueueFilters(q="Franklin"),
    QueueFilters(q="nurs", sort="score"),
    QueueFilters(pathway="imaging", sort="score_low", mine="reviewed"),
    QueueFilters(sort="oldest"),
]


@pytest.mark.postgres
@pytest.mark.parametrize("reader", ["staff", "coordinator"])
def test_the_pre_written_page_equals_the_orms(queue_data, reader):
    user = queue_data if reader == "staff" else CoordinatorFactory()
    for filters in FILTERS:
        queue = review_queue(user=user, filters=filters)
        for start, known in [(0, None), (4, None), (8, None), (0, 15), (20, None)]:
            args = {"start": start, "per_page": 5, "known_count": known, "reader": reader_of(user)}
            by_orm = queue_rows.page_of_orm(queue, **args)
            assert queue_rows.page_of_sql(queue, **args) == by_orm, (filters, start, known)
            if filters == QueueFilters():  # the cases are not empty: 12 of the staff's university, 15 in all
                in_scope = 15 if reader == "coordinator" else 12
                assert len(by_orm[0]) == max(0, min(5, in_scope - start)) and by_orm[1] == (known or in_scope)


def test_a_count_above_the_cap_says_so(client, monkeypatch):
    monkeypatch.setattr(queue_rows, "COUNT_CAP", 3)
    seat = university_in_cohort()
    SubmittedApplicationFactory.create_batch(5, cohort=seat.cohort, partner=seat.partner, course="Physics")
    SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, course="Nursing")
    client.force_login(StaffFactory(partner=seat.partner))
    capped = client.get(reverse("review_queue"), {"q": "Physics"}).content.decode()
    assert "More than 3 applications match (the count stops at 3" in capped
    assert "5 applications match" not in capped
    assert "1 application match." in client.get(reverse("review_queue"), {"q": "Nursing"}).content.decode()
    # No filter: the header's total is the count, exact.
    assert "6 applications match." in client.get(reverse("review_queue")).content.decode()
