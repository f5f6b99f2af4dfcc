"""Two automatic runs at once for the same university and cohort: the second waits for the first
(the quota row is locked) and then sees its pairs, so no application gets more than N reviewers."""

import threading

import pytest
from django.db import connection

from programmes.admissions.models import ReviewAssignment
from programmes.admissions.services import assignments as services
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_reviews import SubmittedApplicationFactory, university_in_cohort


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_concurrent_automatic_runs_never_over_assign():
    seat = university_in_cohort()
    StaffFactory.create_batch(3, partner=seat.partner)
    applications = SubmittedApplicationFactory.create_batch(6, cohort=seat.cohort, partner=seat.partner)
    coordinator = CoordinatorFactory()
    barrier = threading.Barrier(3)
    made = []

    def run():
        try:
            barrier.wait()
            result = services.auto_assign(
                cohort=seat.cohort,
                partner=seat.partner,
                per_application=2,
                keep_departments_apart=False,
                actor=coordinator,
            )
            made.append(len(result.pairs))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(made) == [0, 0, 12]
    for application in applications:
        assert ReviewAssignment.objects.filter(application=application).count() == 2
