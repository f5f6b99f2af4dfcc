"""The funnel adds up: checked against a known dataset. Cumulative stages with conversion rates,
"where they are now" adding up to those started, headline totals equal to the charts' sums, a
cohort filter defaulting to the current cohort, each university's quota, and staff seeing only
their own university's funnel."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.admissions.selectors.funnel import funnel, funnel_page
from programmes.admissions.services.applications import set_state
from programmes.cohorts.models import CohortStatus
from tests.factories import ApplicationFactory, CohortFactory, CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_reviews import ReviewFactory, SubmittedApplicationFactory, university_in_cohort

pytestmark = pytest.mark.django_db

WARWICK_STAGES = [("Started", 14, None), ("Submitted", 11, 79), ("Reviewed", 7, 64), ("Offered a place", 3, 43)]
WARWICK_STAGES += [("Place confirmed", 1, 33)]
WARWICK_NOW = {
    "Draft, not submitted": 2,
    "Submitted, not yet reviewed": 3,
    "Reviewed, awaiting decision": 2,
    "Offered, awaiting a reply": 1,
    "Place confirmed": 1,
    "Waitlisted": 1,
    "Not offered": 1,
    "Offer declined": 1,
    "Withdrawn": 2,
}


@pytest.fixture
def known():
    """A current cohort with Warwick (quota 3: 14 applications at every stage) and ARU (quota 2: one
    submitted, one draft), and an older, finished cohort whose 5 applications must not count."""
    coordinator = CoordinatorFactory()
    warwick = university_in_cohort(quota=3)
    cohort, partner = warwick.cohort, warwick.partner
    aru = university_in_cohort(quota=2, cohort=cohort)

    def submitted(**kwargs):
        return SubmittedApplicationFactory(cohort=cohort, partner=partner, **kwargs)

    ApplicationFactory.create_batch(2, cohort=cohort, partner=partner)
    draft = ApplicationFactory(cohort=cohort, partner=partner)
    set_state(application=draft, to_state="withdrawn", actor=draft.student)
    SubmittedApplicationFactory.create_batch(3, cohort=cohort, partner=partner)
    for _ in range(2):
        ReviewFactory(application=submitted())
    for to_state, student_moves in [("offered", []), ("offered", ["confirmed"]), ("offered", ["declined"])]:
        application = set_state(application=submitted(), to_state=to_state, actor=coordinator)
        for move in student_moves:
            set_state(application=application, to_state=move, actor=application.student)
    set_state(application=submitted(), to_state="waitlisted", actor=coordinator)
    set_state(application=submitted(), to_state="rejected", actor=coordinator)
    leaver = submitted()
    set_state(application=leaver, to_state="withdrawn", actor=leaver.student)
    SubmittedApplicationFactory(cohort=cohort, partner=aru.partner)
    ApplicationFactory(cohort=cohort, partner=aru.partner)

    old = CohortFactory(
        status=CohortStatus.FINISHED,
        applications_open_at=timezone.now() - timedelta(days=400),
        applications_close_at=timezone.now() - timedelta(days=380),
    )
    university_in_cohort(cohort=old, partner=partner)
    SubmittedApplicationFactory.create_batch(5, cohort=old, partner=partner)
    return {"cohort": cohort, "old": old, "warwick": warwick, "aru": aru, "coordinator": coordinator}


def test_the_stages_rates_and_current_states_of_a_known_cohort(known):
    by_name = {u.partner.name: u for u in funnel(user=known["coordinator"], cohort=known["cohort"])}
    warwick = by_name[known["warwick"].partner.name]
    assert [(s.label, s.count, s.rate) for s in warwick.stages] == WARWICK_STAGES
    assert dict(warwick.now) == WARWICK_NOW
    assert sum(dict(warwick.now).values()) == warwick.stages[0].count
    assert warwick.quota == 3
    aru = by_name[known["aru"].partner.name]
    assert [s.count for s in aru.stages] == [2, 1, 0, 0, 0] and aru.quota == 2
    assert [s.rate for s in aru.stages] == [None, 50, 0, None, None]  # no rate after a stage of 0


def test_the_headline_is_the_sum_of_the_charts_for_the_current_cohort(known):
    page = funnel_page(user=known["coordinator"])
    assert page["cohort"] == known["cohort"]
    totals = page["totals"]
    assert (totals["started"], totals["submitted"], totals["reviewed"], totals["offered"], totals["confirmed"]) == (
        16,
        12,
        7,
        3,
        1,
    )
    assert totals["quota"] == 5
    for index, stage in enumerate(totals["stages"]):
        assert stage.count == sum(chart["university"].stages[index].count for chart in page["charts"])


def test_the_page_shows_totals_rates_quota_and_offers_the_other_cohort(client, known):
    client.force_login(known["coordinator"])
    page = client.get(reverse("applications_funnel")).content.decode()
    assert "<strong>12</strong> submitted" in page and "<strong>16</strong> started" in page
    assert "of <strong>5</strong> places" in page
    warwick = known["warwick"].partner.name
    assert f"<caption>{warwick}: applications at each stage (quota 3 places)</caption>" in page
    assert '<th scope="row">Submitted</th><td class="text-end">11</td><td class="text-end">79%</td>' in page
    assert "Quota 3" in page and "Quota 2" in page  # the quota lines' labels in the SVG
    assert f'<option value="{known["old"].pk}">{known["old"].name}</option>' in page
    assert f'<option value="{known["cohort"].pk}" selected>' in page
    assert "style=" not in page.split("<main", 1)[1]
    old = client.get(reverse("applications_funnel"), {"cohort": known["old"].pk}).content.decode()
    assert "<strong>5</strong> submitted" in old and known["aru"].partner.name not in old.split("<main", 1)[1]


def test_the_coordinator_dashboard_headline_agrees_with_its_charts(client, known):
    client.force_login(known["coordinator"])
    page = client.get(reverse("dashboard")).content.decode()
    assert f"Applications: {known['cohort'].name}" in page
    assert "12 submitted across the partner universities." in page


def test_staff_see_their_own_universitys_funnel_only(client, known):
    warwick, aru = known["warwick"].partner, known["aru"].partner
    client.force_login(StaffFactory(partner=warwick))
    page = client.get(reverse("applications_funnel")).content.decode()
    assert f"{warwick.name}: applications at each stage" in page and aru.name not in page.split("<main", 1)[1]
    assert "<strong>11</strong> submitted" in page
    assert client.get(reverse("applications_funnel"), {"university": aru.slug}).status_code == 404
    assert client.get(reverse("applications_funnel"), {"university": warwick.slug}).status_code == 200
    # A cohort their university is not part of is not theirs either.
    elsewhere = university_in_cohort()
    assert client.get(reverse("applications_funnel"), {"cohort": elsewhere.cohort.pk}).status_code == 404
    assert client.get(reverse("applications_funnel"), {"cohort": "x"}).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("coordinator", 200), ("staff", 200), ("student", 403)])
def test_who_may_open_the_funnel(client, known, who, status):
    people = {
        "coordinator": lambda: known["coordinator"],
        "staff": lambda: StaffFactory(partner=known["aru"].partner),
        "student": StudentFactory,
    }
    client.force_login(people[who]())
    assert client.get(reverse("applications_funnel")).status_code == status


def test_a_coordinator_may_narrow_to_one_university(client, known):
    client.force_login(known["coordinator"])
    aru = known["aru"].partner
    page = client.get(reverse("applications_funnel"), {"university": aru.slug}).content.decode()
    assert "<strong>1</strong> submitted" in page and known["warwick"].partner.name not in page.split("<main", 1)[1]
    assert client.get(reverse("applications_funnel"), {"university": "nowhere"}).status_code == 404


@pytest.mark.parametrize("rows", [1, 30])
def test_funnel_query_count_does_not_grow_with_applications(client, django_assert_num_queries, rows):
    seat = university_in_cohort()
    university_in_cohort(cohort=seat.cohort)
    SubmittedApplicationFactory.create_batch(rows, cohort=seat.cohort, partner=seat.partner)
    client.force_login(CoordinatorFactory())
    client.get(reverse("applications_funnel"))
    # session, user, cohorts, cohort partners, the counts
    with django_assert_num_queries(6):  # and one for where the applications came from
        assert client.get(reverse("applications_funnel")).status_code == 200
