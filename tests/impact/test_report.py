import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.admissions.models import ApplicationState
from programmes.completion.models import Certificate, SelfAssessment
from programmes.events.models import BookingStatus
from programmes.recruitment.models import Campaign
from tests.factories import ApplicationFactory, CoordinatorFactory, PartnerFactory, StaffFactory, StudentFactory
from tests.factories_impact import cohort_with_participants, full_participant
from tests.factories_sessions import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def report_url(cohort, university=""):
    url = reverse("impact:report", args=[cohort.slug])
    return url + (f"?university={university}" if university else "")


def test_coordinator_sees_the_funnel_and_figures_of_every_university(client):
    cohort, partner, students = cohort_with_participants(3)
    other = PartnerFactory(name="University of Leicester")
    session = SessionFactory(cohort=cohort)
    full_participant(cohort, other, session, answered=False)
    ApplicationFactory(cohort=cohort, partner=partner, state=ApplicationState.SUBMITTED)
    ApplicationFactory(cohort=cohort, partner=partner, state=ApplicationState.DRAFT)
    Certificate.objects.filter(participant=students[0]).update(revoked_at="2026-06-01T10:00Z")
    BookingFactory(session=session, participant=students[1], status=BookingStatus.NO_SHOW)
    client.force_login(CoordinatorFactory())

    response = client.get(report_url(cohort))

    report = response.context["report"]
    assert dict(report.funnel) == {
        "Applied": 5,
        "Offered a place": 4,
        "Confirmed a place": 4,
        "Started (attended a session)": 4,
        "Completed (certificate)": 3,
        "Followed up (answered a survey)": 3,
        "In a life-sciences or medtech role": 3,
        "… in the West Midlands, East Midlands or East of England": 3,
    }
    assert report.attendance["rate"] == 80  # 4 attended of 5 marked
    assert report.satisfaction == {"mean": 4.0, "n": 4}
    assert report.mentoring == {"hours": 6.0, "meetings": 4, "goals": 4, "goals_met": 4}
    assert report.follow_up["points"][0] == {"months": 6, "sent": 4, "answered": 3, "rate": 75}
    assert report.distance[0]["n"] == 4 and report.distance[0]["change"] == 2.0
    page = response.content.decode()
    assert "<svg" in page and "Equality breakdown" in page
    assert "University of Leicester" in page


def test_an_offer_withdrawn_from_counts_as_offered(client):
    cohort, partner, _ = cohort_with_participants(1)
    withdrawn = ApplicationFactory(cohort=cohort, partner=partner, state=ApplicationState.WITHDRAWN)
    withdrawn.events.create(from_state=ApplicationState.SUBMITTED, to_state=ApplicationState.OFFERED)
    client.force_login(CoordinatorFactory())

    funnel = dict(client.get(report_url(cohort)).context["report"].funnel)

    assert (funnel["Applied"], funnel["Offered a place"], funnel["Confirmed a place"]) == (2, 2, 1)


def test_distance_travelled_pairs_only_participants_with_both_stages(client):
    cohort, partner, students = cohort_with_participants(2)
    SelfAssessment.objects.filter(participant=students[1], stage="end").delete()
    SelfAssessment.objects.filter(participant=students[0], stage="end").update(answers={"next_step": 5})
    client.force_login(CoordinatorFactory())

    item = client.get(report_url(cohort)).context["report"].distance[0]

    assert (item["start"], item["end"], item["change"], item["n"]) == (2.0, 5.0, 3.0, 1)


def test_staff_see_their_own_university_only_and_another_is_a_404(client):
    cohort, partner, _ = cohort_with_participants(2)
    other = PartnerFactory()
    full_participant(cohort, other, SessionFactory(cohort=cohort))
    client.force_login(StaffFactory(partner=partner))

    response = client.get(report_url(cohort))

    assert response.context["report"].partner == partner
    assert dict(response.context["report"].funnel)["Confirmed a place"] == 2
    assert client.get(report_url(cohort, other.slug)).status_code == 404
    assert client.get(reverse("impact:download", args=[cohort.slug]) + f"?university={other.slug}").status_code == 404


def test_staff_of_a_university_outside_the_cohort_get_404(client):
    cohort, _, _ = cohort_with_participants(1)
    client.force_login(StaffFactory(partner=PartnerFactory()))
    assert client.get(report_url(cohort)).status_code == 404
    assert cohort.name not in client.get(reverse("impact:index")).content.decode()


def test_students_are_refused_and_anonymous_people_sent_to_sign_in(client):
    cohort, _, _ = cohort_with_participants(1)
    assert client.get(report_url(cohort)).status_code == 302
    client.force_login(StudentFactory())
    assert client.get(report_url(cohort)).status_code == 403


def test_the_csv_holds_the_same_figures_safe_for_spreadsheets(client):
    cohort, partner, _ = cohort_with_participants(2)
    Campaign.objects.create(name="=HYPERLINK(evil)", cohort=cohort, subject="s", body_text="b")
    client.force_login(CoordinatorFactory())

    response = client.get(reverse("impact:download", args=[cohort.slug]) + f"?university={partner.slug}")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Section", "Measure", "Value", "n"]
    assert ["Funnel", "Completed (certificate)", "2", ""] in rows
    assert ["Satisfaction", "Mean session rating (1-5)", "4.0", "2"] in rows
    assert ["Campaigns", "'=HYPERLINK(evil): applications submitted", "0", "0"] in rows


@pytest.mark.parametrize("university", [False, True])
def test_query_count_is_the_same_for_1_and_30_participants(client, django_assert_num_queries, university):
    client.force_login(CoordinatorFactory())
    small, small_partner, _ = cohort_with_participants(1)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(report_url(small, small_partner.slug if university else "")).status_code == 200
    large, large_partner, _ = cohort_with_participants(30)

    with django_assert_num_queries(len(queries)):
        assert client.get(report_url(large, large_partner.slug if university else "")).status_code == 200


def test_the_equality_breakdown_links_coordinators_to_the_suppressed_report_and_staff_never_see_it(client):
    cohort, partner, _ = cohort_with_participants(1)
    equality_url = reverse("equality:report", args=[cohort.pk])
    client.force_login(CoordinatorFactory())
    assert equality_url in client.get(report_url(cohort)).content.decode()
    client.force_login(StaffFactory(partner=partner))
    page = client.get(report_url(cohort, partner.slug)).content.decode()
    assert "Equality breakdown" not in page and equality_url not in page
