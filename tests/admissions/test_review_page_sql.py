"""The review page's application in one pre-written PostgreSQL statement is what the ORM's queries
give: every field of the application, its student, university, cohort and staged decision, and each
list the page shows, in its order; and nothing it holds costs a query later."""

from datetime import timedelta

import pytest
from django.http import Http404

from programmes.admissions.models import ApplicationNote, ApplicationTag, Review
from programmes.admissions.selectors import review_page
from programmes.admissions.selectors.reviews import applications_in_scope
from programmes.admissions.services.applications import set_state
from tests.factories import CoordinatorFactory, PathwayFactory, StaffFactory, StudentFactory
from tests.factories_reviews import (
    ReviewFactory,
    StagedDecisionFactory,
    SubmittedApplicationFactory,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db


def _fields(instance):
    if instance is None:
        return None
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def _listed(instances, related):
    return [(_fields(i), _fields(getattr(i, related))) for i in instances]


def _page(application):
    """Everything the page reads of an application, and of what it holds."""
    staged = getattr(application, "staged_decision", None)
    return {
        "application": _fields(application),
        "student": _fields(application.student),
        "partner": _fields(application.partner),
        "cohort": _fields(application.cohort),
        "staged": _fields(staged),
        "staged_by": _fields(staged.staged_by) if staged else None,
        "reviews": _listed(application.reviews_read, "reviewer"),
        "events": _listed(application.events_read, "actor"),
        "notes": _listed(application.notes_read, "author"),
        "pathways": application.pathway_names,
        "tags": application.tag_labels,
    }


@pytest.fixture
def applications(blind_seat, blind_seat_staff):
    seat, staff = blind_seat, blind_seat_staff
    seat.partner.email_domains = ["warwick.ac.uk", "wbs.ac.uk"]
    seat.partner.save()
    full = SubmittedApplicationFactory(
        cohort=seat.cohort, partner=seat.partner, student=StudentFactory(full_name="Rosalind Franklin")
    )
    full.pathways.add(PathwayFactory(name="Imaging", ordering=2), PathwayFactory(name="Regulatory affairs", ordering=1))
    first_review = ReviewFactory(application=full, weighted_score=3.25, comment="Strong <b>motivation</b>")
    ReviewFactory(application=full, weighted_score=None, conflict_declared=True, conflict_reason="My cousin")
    set_state(application=full, to_state="waitlisted", actor=CoordinatorFactory(), reason="Full this round")
    set_state(application=full, to_state="offered", actor=None)
    leaver = StaffFactory(partner=seat.partner)
    later = ApplicationNote.objects.create(application=full, author=staff, text="Asked about the placement")
    ApplicationNote.objects.create(application=full, author=leaver, text="Met at the open day")
    # Each list's order is its model's, not the order its rows were written in.
    ApplicationNote.objects.filter(pk=later.pk).update(created_at=later.created_at + timedelta(days=1))
    Review.objects.filter(pk=first_review.pk).update(submitted_at=first_review.submitted_at + timedelta(days=1))
    leaver.delete()  # the note stays, by "a former colleague"
    for label in ("shortlisted", "ask-again", "medtech"):
        ApplicationTag.objects.create(application=full, label=label, added_by=staff)
    StagedDecisionFactory(application=full, staged_by=staff)
    bare = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)
    return staff, [full, bare]


def _by_sql(user, pk):
    return review_page._load_sql(review_page._Scope(user.role, user.partner_id), pk)


def _by_orm(user, pk):
    return review_page._load_orm(applications_in_scope(user=user).filter(pk=pk))


@pytest.mark.postgres
@pytest.mark.parametrize("reader", ["staff", "coordinator"])
def test_the_pre_written_statement_equals_the_orms(applications, reader, django_assert_num_queries):
    staff, found = applications
    user = staff if reader == "staff" else CoordinatorFactory()
    for application in found:
        by_orm = _by_orm(user, application.pk)
        with django_assert_num_queries(1):
            by_sql = _by_sql(user, application.pk)
        with django_assert_num_queries(0):  # nothing it holds is read again
            page = _page(by_sql)
        assert page == _page(by_orm)
    full = _page(_by_sql(user, found[0].pk))
    # The cases are not empty, and the lists are in the page's order.
    assert full["pathways"] == ["Regulatory affairs", "Imaging"]
    assert full["tags"] == ["ask-again", "medtech", "shortlisted"]
    assert [n["text"] for n, _ in full["notes"]] == ["Met at the open day", "Asked about the placement"]
    assert full["notes"][0][1] is None and full["staged_by"]["id"] == staff.pk
    moves = [(event["to_state"], actor is None) for event, actor in full["events"]]
    assert moves[-2:] == [("waitlisted", False), ("offered", True)]
    assert len(full["reviews"]) == 2 and full["reviews"][1][0]["comment"] == "Strong <b>motivation</b>"


@pytest.mark.parametrize("outsider", ["other university's staff", "student"])
def test_an_application_outside_the_readers_scope_is_not_found(applications, outsider):
    _, found = applications
    user = StaffFactory(partner=university_in_cohort().partner) if outsider != "student" else StudentFactory()
    with pytest.raises(Http404):
        review_page.application_page(user=user, pk=found[0].pk)


def test_the_statement_kept_for_a_scope_reads_the_readers_university_as_it_is_now(applications):
    staff, found = applications
    assert review_page.application_page(user=staff, pk=found[0].pk).pk == found[0].pk
    staff.partner = university_in_cohort().partner
    staff.save()
    with pytest.raises(Http404):
        review_page.application_page(user=staff, pk=found[0].pk)
    moved_to = SubmittedApplicationFactory(cohort=found[0].cohort, partner=staff.partner)
    assert review_page.application_page(user=staff, pk=moved_to.pk).pk == moved_to.pk


@pytest.mark.parametrize("pk", [2**63, 10**20, 0])  # beyond the id column's range, or below its first id
def test_an_id_no_application_can_have_is_not_found(applications, client, pk):
    staff, _ = applications
    client.force_login(staff)
    response = client.get(f"/reviews/applications/{pk}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.postgres
def test_a_list_keeps_its_models_order_when_that_order_is_descending(applications, monkeypatch):
    staff, found = applications
    monkeypatch.setattr(ApplicationNote._meta, "ordering", ["-created_at", "-id"])
    review_page._kept_page_sql.cache_clear()  # the statement is written with the order it is given
    by_sql = _page(_by_sql(staff, found[0].pk))
    review_page._kept_page_sql.cache_clear()
    assert by_sql == _page(_by_orm(staff, found[0].pk))
    assert [n["text"] for n, _ in by_sql["notes"]] == ["Asked about the placement", "Met at the open day"]
