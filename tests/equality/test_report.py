from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.admissions.models import ApplicationState
from programmes.completion.models import Certificate
from programmes.equality import selectors
from programmes.equality.models import EqualityResponse
from tests.factories import CoordinatorFactory
from tests.factories_reviews import SubmittedApplicationFactory, university_in_cohort


def _applicants(seat, count, state=ApplicationState.SUBMITTED, **answers):
    for _ in range(count):
        application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, state=state)
        EqualityResponse.objects.create(student=application.student, cohort=seat.cohort, **answers)
        yield application


def _table(characteristics, heading):
    return next(c for c in characteristics if c.heading == heading)


def test_counts_by_stage_and_university_are_rounded(db):
    seat = university_in_cohort()
    list(_applicants(seat, 24, sex="female"))
    confirmed = list(_applicants(seat, 8, state=ApplicationState.CONFIRMED, sex="male"))
    for application in confirmed[:3]:
        Certificate.objects.create(participant=application.student, cohort=seat.cohort)
    Certificate.objects.create(participant=confirmed[3].student, cohort=seat.cohort, revoked_at="2026-01-01T00:00Z")
    SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)  # did not answer
    _, characteristics = selectors.equality_report(CoordinatorFactory(), seat.cohort.pk)
    sex = _table(characteristics, "Sex")
    by_label = {row.label: [cell.count for cell in row.cells] for row in sex.by_stage.rows}
    # Applied, offered, confirmed, completed.
    assert by_label["Female"] == [25, 0, 0, 0]
    assert by_label["Male"] == [10, 10, 10, 5]
    assert by_label["Did not answer the questionnaire"] == [0, 0, 0, 0]
    assert [c.count for c in sex.by_stage.column_totals] == [35, 10, 10, 5]
    female = next(row for row in sex.by_stage.rows if row.label == "Female")
    assert female.cells[0].percent == 71  # 25 of 35
    assert female.cells[1].percent is None  # a base of 10
    assert sex.by_university.columns == [seat.partner.name]
    assert sex.by_university.grand_total.count == 35


def test_two_reports_differing_by_one_person_show_the_same(db):
    """The report for a cohort and for the same cohort with one student less are identical when
    that student sits in a small group: neither a cell nor a total moves."""
    seat = university_in_cohort()
    list(_applicants(seat, 30, ethnicity="white_british"))
    list(_applicants(seat, 1, ethnicity="other_arab"))
    coordinator = CoordinatorFactory()

    def shown():
        _, characteristics = selectors.equality_report(coordinator, seat.cohort.pk)
        return [(c.heading, c.by_stage, c.by_university) for c in characteristics]

    before = shown()
    (extra,) = _applicants(seat, 1, ethnicity="other_any")
    assert shown() == before
    extra.delete()
    list(_applicants(seat, 1, ethnicity="other_arab"))  # the small group grows to 2
    assert shown() == before


def test_the_reports_queries_do_not_grow_with_the_responses(client, db, django_assert_num_queries):
    seat = university_in_cohort()
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    url = reverse("equality:report", args=[seat.cohort.pk])
    list(_applicants(seat, 1, sex="female"))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    list(_applicants(seat, 12, sex="male"))
    other = university_in_cohort(cohort=seat.cohort)
    list(_applicants(other, 4, sex="other"))
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
