"""The role x route matrix, generated from the URLconf: every portal page, as each kind of person
(anonymous; a student, another student of the same university and one of the other university; the
staff of both universities; a coordinator; the student's mentor and another mentor), asked for with
one tenant's real ids. No answer is a 5xx, and no answer carries a canary planted in a person's data
to someone that data should not reach. Then every route of the tenant's objects is POSTed to by the
people with no right to them, and no table changes."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.portal.route_matrix import (
    BEARER,
    DEVELOPMENT_ONLY,
    SHARED,
    fingerprint,
    portal_routes,
    route_kwargs,
)

pytestmark = pytest.mark.django_db

# Viewers with no right to the tenant's objects: another university's student and staff, a mentor
# who is not the student's, and anyone not signed in.
STRANGERS = ("anonymous", "student_other_university", "staff_other_university", "mentor_other")
BINARY_TYPES = ("application/pdf", "application/zip", "image/")


def urls_of(world):
    kwargs = route_kwargs(world)
    unnamed = [name for name, _, params, _ in portal_routes() if params and name not in kwargs]
    assert not unnamed, f"Routes with parameters that the matrix gives no object: {unnamed} (add them to route_kwargs)"
    return [(name, reverse(name, kwargs=kwargs.get(name))) for name, *_ in portal_routes()]


def client_as(person):
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def canaries_in(world, viewer, body):
    """(the canaries the viewer may read, those they may not) found in a response."""
    viewer_pk = viewer.pk if viewer is not None else None
    found = [c for c in world.canaries if c in body]
    return {c for c in found if viewer_pk in world.canaries[c]}, sorted(
        c for c in found if viewer_pk not in world.canaries[c]
    )


def must_be_seen(world):
    """Canaries that pages do show to those who may read them: proof that the others would be caught."""
    student, applicant, match = world.people["student"], world.objects["applicant"], world.objects["match"]
    review = applicant.reviews.filter(conflict_declared=False).first()
    meeting = match.meetings.first()
    return {
        f"Zq{student.pk}namecanary",
        f"Zq{applicant.student_id}namecanary",
        f"Zq{applicant.student_id}answercanary",
        f"Zq{review.pk}commentcanary",
        f"Zq{meeting.pk}notescanary",
    }


def test_no_page_fails_or_shows_a_person_to_someone_it_should_not(world):
    urls = urls_of(world)
    problems, seen = [], set()
    for role, person in world.people.items():
        client = client_as(person)
        for name, url in urls:
            response = client.get(url)
            if response.status_code >= 500:
                problems.append(f"{role} GET {url} ({name}): {response.status_code}")
                continue
            if name in BEARER or name in DEVELOPMENT_ONLY:
                continue
            if response.get("Content-Type", "").startswith(BINARY_TYPES):
                continue
            body = b"".join(response).decode("utf-8", "replace") if response.streaming else response.content.decode()
            allowed, found = canaries_in(world, person, body)
            seen |= allowed
            if found:
                problems.append(f"{role} GET {url} ({name}): shows {', '.join(found)}")
    assert not problems, "\n".join(problems)
    assert must_be_seen(world) <= seen, f"Never shown to its readers: {must_be_seen(world) - seen}"


def test_strangers_posting_to_the_tenants_objects_change_nothing(world):
    targets = [(name, url) for name, url in urls_of(world) if name not in SHARED and route_kwargs(world).get(name)]
    problems = []
    for role in STRANGERS:
        client = client_as(world.people[role])
        for name, url in targets:
            before = fingerprint()
            response = client.post(url, {})
            if response.status_code >= 500:
                problems.append(f"{role} POST {url} ({name}): {response.status_code}")
            elif fingerprint() != before:
                problems.append(f"{role} POST {url} ({name}): changed the database ({response.status_code})")
    assert not problems, "\n".join(problems)
