"""A pathway page lists the sessions still to come on that pathway, without the details that
belong to booked participants, in the same number of queries however many there are."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.events.models import SessionStatus
from tests.factories import CohortFactory, PartnerFactory, PathwayFactory
from tests.factories_sessions import OnlineSessionFactory, SessionFactory

pytestmark = pytest.mark.django_db


def pathway_page(client, pathway):
    return client.get(reverse("pathway_detail", args=[pathway.slug])).content.decode()


def test_lists_upcoming_sessions_of_the_pathway_only(client):
    pathway, other = PathwayFactory(), PathwayFactory()
    now = timezone.now()
    SessionFactory(title="Coming regulatory talk").pathways.add(pathway)
    SessionFactory(title="Other pathway talk").pathways.add(other)
    SessionFactory(
        title="Finished talk", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2, hours=-1)
    ).pathways.add(pathway)
    SessionFactory(title="Called-off talk", status=SessionStatus.CANCELLED).pathways.add(pathway)
    page = pathway_page(client, pathway)
    assert "Coming regulatory talk" in page
    for absent in ("Other pathway talk", "Finished talk", "Called-off talk"):
        assert absent not in page


def test_time_has_its_zone_and_private_details_stay_hidden(client):
    pathway = PathwayFactory()
    session = OnlineSessionFactory(title="Online careers hour")
    session.pathways.add(pathway)
    page = pathway_page(client, pathway)
    assert timezone.localtime(session.starts_at).strftime("%H:%M %Z") in page
    assert session.join_url not in page


def test_one_university_session_says_so(client):
    pathway = PathwayFactory()
    partner = PartnerFactory(short_name="Warwick")
    SessionFactory(title="Warwick workshop", audience_partner=partner).pathways.add(pathway)
    assert "Warwick participants only" in pathway_page(client, pathway)


def test_empty_state_says_what_to_expect(client):
    assert "No sessions on this pathway are scheduled yet" in pathway_page(client, PathwayFactory())


@pytest.mark.parametrize("count", [1, 50])
def test_query_count_does_not_grow_with_sessions(client, django_assert_num_queries, count):
    pathway = PathwayFactory()
    cohort = CohortFactory()
    for _ in range(count):
        SessionFactory(cohort=cohort, audience_partner=PartnerFactory()).pathways.add(pathway)
    with django_assert_num_queries(3):  # pathway, its sessions, its mentors
        pathway_page(client, pathway)


def test_pathway_list_counts_each_pathways_upcoming_sessions(client):
    busy, quiet = PathwayFactory(name="Busy pathway"), PathwayFactory(name="Quiet pathway")
    for _ in range(2):
        SessionFactory().pathways.add(busy)
    SessionFactory(status=SessionStatus.CANCELLED).pathways.add(quiet)
    page = client.get(reverse("pathway_list")).content.decode()
    assert '2 upcoming sessions<span class="visually-hidden"> on Busy pathway' in page
    assert "on Quiet pathway" not in page


def test_pathway_list_keeps_the_coordinators_order(client):
    second = PathwayFactory(name="A pathway listed second", ordering=2)
    first = PathwayFactory(name="Z pathway listed first", ordering=1)
    SessionFactory().pathways.add(second)
    page = client.get(reverse("pathway_list")).content.decode()
    assert page.index(first.name) < page.index(second.name)
