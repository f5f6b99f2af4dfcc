"""The decision board's rows in one pre-written PostgreSQL statement are what the ORM's two queries
give, in the same order; and each path's rows print what each reader may see."""

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
    return staff, seat.cohort_id, seat.partner_id, other.partner_id


@pytest.mark.postgres
def test_the_pre_written_rows_equal_the_orms(staged):
    _, _, own, other = staged
    for partner_ids in ([own], [own, other], []):
        by_orm = [(values, sorted(reviews)) for values, reviews in board_rows._rows_orm(partner_ids)]
        assert [(values, sorted(reviews)) for values, reviews in board_rows._rows_sql(partner_ids)] == by_orm
        assert len(by_orm) == 4 * len(partner_ids)


@pytest.mark.parametrize("reader", ["staff", "coordinator"])
def test_the_rows_print_what_the_reader_may_see(staged, reader):
    staff, cohort_id, own, _ = staged
    user = staff if reader == "staff" else CoordinatorFactory()
    by_pair = board_rows.board_rows(partner_ids={own}, reader=reader_of(user))
    assert list(by_pair) == [(cohort_id, own)]
    rows = by_pair[cohort_id, own]
    assert rows[0]["application_id"] < rows[1]["application_id"]
    assert [r["staged_by"] for r in rows] == [staff.full_name, staff.full_name, "", ""]
    printed = [(r["decision"], r["applicant"], r["score"]) for r in rows]
    # In release's order: by decision, then by name, two alike by application, whether the name shows
    # or not. The reader's own reviews open the names and scores of a blind cohort; a coordinator
    # sees all. A conflict declared is no score.
    assert printed[:2] == [("Offer a place", "Ada Lovelace", "3.38 (2)"), ("Offer a place", "Ada Lovelace", "4.62 (2)")]
    if reader == "coordinator":
        assert printed[2:] == [("Offer a place", "Mary Anning", "3.50 (1)"), ("Do not offer", "Zora Neale", "3.00 (1)")]
    else:
        hidden = "Not shown until you review"
        assert printed[2:] == [
            ("Offer a place", f"Applicant #{rows[2]['application_id']}", hidden),
            ("Do not offer", f"Applicant #{rows[3]['application_id']}", hidden),
        ]
