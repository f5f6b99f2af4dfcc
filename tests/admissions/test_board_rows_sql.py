"""The decision board's rows in one pre-written PostgreSQL statement are what the ORM's two queries
give, in the same order, with the same figures for each reader."""

import pytest

from programmes.admissions.selectors import board_rows
from programmes.admissions.selectors.reviews import reader_of
from tests.factories import CoordinatorFactory, StudentFactory
from tests.factories_reviews import (
    ReviewFactory,
    StagedDecisionFactory,
    SubmittedApplicationFactory,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staged(blind_seat, blind_seat_staff):
    seat, staff = blind_seat, blind_seat_staff
    other = university_in_cohort(cohort=seat.cohort)
    names = ["Zora Neale", "Ada Lovelace", "Mary Anning", "Ada Lovelace"]  # two alike: then by application
    for n, name in enumerate(names):
        for partner in (seat.partner, other.partner):
            application = SubmittedApplicationFactory(
                cohort=seat.cohort, partner=partner, student=StudentFactory(full_name=name)
            )
            if n % 2:
                ReviewFactory(application=application, reviewer=staff, weighted_score=2.5 + n)
            if n == 2:
                ReviewFactory(application=application, weighted_score=None, conflict_declared=True)
            ReviewFactory(application=application, weighted_score=3.0 + n / 4)
            decision = "rejected" if n == 0 else "offered"
            StagedDecisionFactory(application=application, decision=decision, staged_by=staff if n % 2 else None)
    return staff, seat.partner_id, other.partner_id


@pytest.mark.postgres
@pytest.mark.parametrize("reader", ["staff", "coordinator"])
def test_the_pre_written_rows_equal_the_orms(staged, reader):
    staff, own, other = staged
    user = staff if reader == "staff" else CoordinatorFactory()
    for partner_ids in ([own], [own, other], []):
        by_orm = [(values, sorted(reviews)) for values, reviews in board_rows._rows_orm(partner_ids)]
        assert [(values, sorted(reviews)) for values, reviews in board_rows._rows_sql(partner_ids)] == by_orm
        assert len(by_orm) == 4 * len(partner_ids)
    rows = board_rows.board_rows(partner_ids={own}, reader=reader_of(user))
    assert [(r["decision"], r["application__student__full_name"]) for r in rows] == [
        ("offered", "Ada Lovelace"),
        ("offered", "Ada Lovelace"),
        ("offered", "Mary Anning"),
        ("rejected", "Zora Neale"),
    ]
    assert rows[0]["application_id"] < rows[1]["application_id"]
    # The reader's own reviews open the names and scores of a blind cohort; a coordinator sees all.
    shown = [(r["show_name"], r["show_scores"]) for r in rows]
    assert shown == (
        [(True, True)] * 4 if reader == "coordinator" else [(True, True), (True, True), (False, False), (False, False)]
    )
