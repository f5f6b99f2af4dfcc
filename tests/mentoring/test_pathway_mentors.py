"""The public pathway page lists the mentors who work in that pathway: role and organisation only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MentorFactory, PathwayFactory
from tests.factories_mentoring import MentorProfileFactory

pytestmark = pytest.mark.django_db


def add_mentor(pathway, **kwargs):
    profile = MentorProfileFactory(user=MentorFactory(), **kwargs)
    profile.pathways.set([pathway])
    return profile


def test_pathway_page_shows_its_mentors_roles_but_never_their_names(client):
    pathway, other = PathwayFactory(), PathwayFactory()
    mentor = add_mentor(pathway, organisation="Acme Medical", job_title="Regulatory Affairs Manager")
    add_mentor(other, organisation="Elsewhere Ltd", job_title="Engineer")
    page = client.get(reverse("pathway_detail", args=[pathway.slug])).content.decode()
    assert "Regulatory Affairs Manager, Acme Medical" in page
    assert "Elsewhere Ltd" not in page
    assert mentor.user.full_name not in page and mentor.user.email not in page


def test_pathway_page_without_mentors_says_so(client):
    pathway = PathwayFactory()
    page = client.get(reverse("pathway_detail", args=[pathway.slug])).content.decode()
    assert "No mentors have listed this pathway yet." in page


def test_pathway_page_queries_do_not_grow_with_mentors(client):
    pathway = PathwayFactory()
    counts = []
    for _ in range(2):
        for _ in range(25):
            add_mentor(pathway)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("pathway_detail", args=[pathway.slug]))
        counts.append(len(queries))
    assert counts[0] == counts[1]
