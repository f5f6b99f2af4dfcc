"""The staff review queue and its CSV export: scope, filters, search, sort, blind names, counts."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.admissions.forms.reviews import QueueFilterForm
from programmes.admissions.selectors.reviews import filter_choices
from programmes.privacy.services import erase_person
from tests.factories import CoordinatorFactory, PathwayFactory, StaffFactory, StudentFactory
from tests.factories_reviews import (
    ReviewFactory,
    SubmittedApplicationFactory,
    queue_queries,
    submitted_at_two_universities,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    return university_in_cohort()


@pytest.fixture
def staff(seat):
    return StaffFactory(partner=seat.partner)


def submitted(seat, **kwargs):
    return SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, **kwargs)


def queue_text(client, **params):
    return client.get(reverse("review_queue"), params).content.decode()


def test_queue_lists_own_university_only_and_never_drafts(client, seat, staff):
    mine = submitted(seat, student=StudentFactory(full_name="Ada Lovelace"))
    submitted(university_in_cohort(cohort=seat.cohort), student=StudentFactory(full_name="Other Person"))
    SubmittedApplicationFactory(
        cohort=seat.cohort, partner=seat.partner, state="draft", submitted_at=None, student__full_name="Draft Person"
    )
    client.force_login(staff)
    page = queue_text(client)
    assert "Ada Lovelace" in page and reverse("review_application", args=[mine.pk]) in page
    assert "Other Person" not in page
    assert "Draft Person" not in page
    assert "1 application match" in page


def test_filters_status_level_pathway_and_reviewed_by_me(client, seat, staff):
    pathway = PathwayFactory(slug="regulatory", name="Regulatory affairs")
    a = submitted(seat, student=StudentFactory(full_name="Alpha One"), level_of_study="pgt")
    a.pathways.add(pathway)
    submitted(seat, student=StudentFactory(full_name="Beta Two"), state="waitlisted")
    c = submitted(seat, student=StudentFactory(full_name="Gamma Three"))
    ReviewFactory(application=c, reviewer=staff)
    client.force_login(staff)

    assert "Beta Two" in queue_text(client, status="waitlisted")
    assert "Alpha One" not in queue_text(client, status="waitlisted")
    only_pgt = queue_text(client, level="pgt")
    assert "Alpha One" in only_pgt and "Gamma Three" not in only_pgt
    by_pathway = queue_text(client, pathway="regulatory")
    assert "Alpha One" in by_pathway and "Beta Two" not in by_pathway
    reviewed = queue_text(client, mine="reviewed")
    assert "Gamma Three" in reviewed and "Alpha One" not in reviewed
    to_review = queue_text(client, mine="to_review")
    assert "Alpha One" in to_review and "Gamma Three" not in to_review


def test_search_by_name_or_course(client, seat, staff):
    submitted(seat, student=StudentFactory(full_name="Rosalind Franklin"), course="Chemistry")
    submitted(seat, student=StudentFactory(full_name="Alan Turing"), course="Mathematics")
    client.force_login(staff)
    assert "Rosalind Franklin" in queue_text(client, q="rosalind")
    assert "Rosalind Franklin" not in queue_text(client, q="turing")
    assert "Alan Turing" in queue_text(client, q="mathem")


def test_the_name_search_follows_a_rename_and_an_erasure_at_once(client, seat, staff):
    student = StudentFactory(full_name="Rosalind Franklin")
    submitted(seat, student=student)
    client.force_login(staff)
    assert "Rosalind Franklin" in queue_text(client, q="franklin")
    student.full_name = "Rosalind Elsie"
    student.save()
    assert "0 applications match" in queue_text(client, q="franklin")
    assert "Rosalind Elsie" in queue_text(client, q="elsie")
    erase_person(person=student, actor=CoordinatorFactory(), reason="Asked by email")
    assert "0 applications match" in queue_text(client, q="elsie")


def test_sort_by_score_and_by_date(client, seat, staff):
    low = submitted(seat, student=StudentFactory(full_name="Low Scorer"), submitted_at=timezone.now())
    high = submitted(
        seat, student=StudentFactory(full_name="High Scorer"), submitted_at=timezone.now() - timedelta(days=2)
    )
    ReviewFactory(application=low, weighted_score=2.0)
    ReviewFactory(application=high, weighted_score=4.5)
    client.force_login(CoordinatorFactory())
    by_score = queue_text(client, sort="score")
    assert by_score.index("High Scorer") < by_score.index("Low Scorer")
    newest = queue_text(client, sort="newest")
    assert newest.index("Low Scorer") < newest.index("High Scorer")


def test_blind_pass_hides_names_until_own_review_and_search_cannot_reveal_them(client, seat, staff):
    seat.cohort.blind_first_review = True
    seat.cohort.save()
    application = submitted(seat, student=StudentFactory(full_name="Hidden Name"))
    client.force_login(staff)
    assert "Hidden Name" not in queue_text(client)
    assert f"Applicant #{application.pk}" in queue_text(client)
    assert "1 application match" not in queue_text(client, q="Hidden")
    assert "Hidden Name" not in client.get(reverse("review_application", args=[application.pk])).content.decode()
    ReviewFactory(application=application, reviewer=staff)
    assert "Hidden Name" in queue_text(client)


def test_queue_counts_and_pagination(client, seat, staff):
    SubmittedApplicationFactory.create_batch(27, cohort=seat.cohort, partner=seat.partner)
    client.force_login(staff)
    first = queue_text(client)
    assert "<strong>27</strong> submitted in all" in first
    assert "<strong>27</strong> to review" in first
    assert "Page 1 of 2" in first
    second = queue_text(client, page=2)
    assert "Page 2 of 2" in second and "27 applications match" in second
    assert "Page 2 of 2" in queue_text(client, page=9) and "Page 2 of 2" in queue_text(client, page=0)
    # A page number beyond what the database's offsets can hold is past the end too, not a 500.
    assert "Page 2 of 2" in queue_text(client, page=2**63) and "Page 2 of 2" in queue_text(client, page=10**20)
    assert "Page 1 of 2" in queue_text(client, page="x")
    assert "0 applications match" in queue_text(client, q="nobody by this name")


@pytest.mark.parametrize("rows", [1, 50])
def test_queue_query_count_does_not_grow_with_rows(client, seat, staff, django_assert_num_queries, rows):
    pathway = PathwayFactory()
    for application in SubmittedApplicationFactory.create_batch(rows, cohort=seat.cohort, partner=seat.partner):
        application.pathways.add(pathway)
        ReviewFactory(application=application)
    client.force_login(staff)
    client.get(reverse("review_queue"))  # warm the session, and the cached counts and filter choices
    with django_assert_num_queries(queue_queries()):
        assert client.get(reverse("review_queue")).status_code == 200
    with django_assert_num_queries(queue_queries(filtered=True)):
        assert client.get(reverse("review_queue"), {"pathway": pathway.slug, "q": "a"}).status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_coordinator_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    submitted_at_two_universities(rows)
    client.force_login(CoordinatorFactory())
    client.get(reverse("review_queue"))
    with django_assert_num_queries(queue_queries()):
        assert client.get(reverse("review_queue")).status_code == 200


def test_export_is_scoped_scored_and_formula_safe(client, seat, staff):
    dangerous = submitted(seat, student=StudentFactory(full_name="=HYPERLINK(1)"), course="+SUM(A1)")
    ReviewFactory(application=dangerous, reviewer=staff, weighted_score=3.0)
    ReviewFactory(application=dangerous, weighted_score=5.0)
    submitted(university_in_cohort(cohort=seat.cohort), student=StudentFactory(full_name="Elsewhere"))
    client.force_login(staff)
    response = client.get(reverse("review_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Student"] == "'=HYPERLINK(1)"
    assert row["Course"] == "'+SUM(A1)"
    assert (row["Reviews"], row["Weighted mean"], row["Median"]) == ("2", "4.0", "4.0")


def test_export_hides_scores_and_blind_names_before_own_review(client, seat, staff):
    seat.cohort.blind_first_review = True
    seat.cohort.save()
    application = submitted(seat, student=StudentFactory(full_name="Blind Person"))
    ReviewFactory(application=application, weighted_score=5.0)
    client.force_login(staff)
    rows = list(csv.reader(io.StringIO(client.get(reverse("review_export")).content.decode())))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Student"] == "(hidden until you review)"
    assert row["Weighted mean"] == ""


def test_coordinator_sees_every_university_and_filters_by_one(client, seat):
    other = university_in_cohort(cohort=seat.cohort)
    submitted(seat, student=StudentFactory(full_name="Here Student"))
    submitted(other, student=StudentFactory(full_name="There Student"))
    client.force_login(CoordinatorFactory())
    page = queue_text(client)
    assert "Here Student" in page and "There Student" in page
    assert "<strong>2</strong> submitted in all" in page and "2 applications match" in page
    only_other = queue_text(client, partner=other.partner.slug)
    assert "There Student" in only_other and "Here Student" not in only_other
    assert "1 application match" in only_other


def test_an_invalid_filter_value_is_ignored_and_the_others_still_apply(client, seat, staff):
    submitted(seat, student=StudentFactory(full_name="Kept Student"), level_of_study="pgt")
    submitted(seat, student=StudentFactory(full_name="Dropped Student"), level_of_study="ug")
    client.force_login(staff)
    page = queue_text(client, level="pgt", status="nonsense", sort="nonsense", page="x")
    assert "Kept Student" in page and "Dropped Student" not in page


def test_coordinators_see_each_rows_university_by_its_short_name(client, seat):
    submitted(seat, student=StudentFactory(full_name="Ada Lovelace"))
    client.force_login(CoordinatorFactory())
    assert f"<td>{seat.partner.short_name}</td>" in queue_text(client)


def test_the_queue_prints_what_people_typed_escaped_once(client, seat, staff):
    """The rows are escaped in the view (views/cells.escaped_cells), once, not by the template."""
    submitted(seat, student=StudentFactory(full_name="<b>Ann</b> O'Neil"), course="R&D <script>x</script>")
    client.force_login(staff)
    page = queue_text(client)
    assert "&lt;b&gt;Ann&lt;/b&gt; O&#x27;Neil" in page
    assert "R&amp;D &lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x" not in page and "&amp;amp;" not in page and "&amp;lt;" not in page


def test_the_filter_bar_offers_names_escaped_once_and_keeps_the_choice(client, seat, staff):
    PathwayFactory(slug="rd", name='R&D "<lab>"')
    client.force_login(staff)
    page = queue_text(client, pathway="rd")
    assert '<option value="rd" selected>R&amp;D &quot;&lt;lab&gt;&quot;</option>' in page
    assert "&amp;amp;" not in page


def test_the_search_box_keeps_what_was_typed_escaped_once(client, staff):
    client.force_login(staff)
    page = queue_text(client, q="Ann \"><b>O'Neil & co")
    assert 'name="q" value="Ann &quot;&gt;&lt;b&gt;O&#x27;Neil &amp; co" maxlength="100"' in page
    assert "<b>O" not in page


def test_the_unfiltered_queue_prints_the_filter_bar_an_unbound_form_prints(client, seat, staff):
    """With no filters asked for, the bar comes from unfiltered_bar's memo, not a form of its own."""
    PathwayFactory(slug="rd", name='R&D "<lab>"')
    for reader, sees_universities in ((staff, False), (CoordinatorFactory(), True)):
        client.force_login(reader)
        page = queue_text(client)
        form = QueueFilterForm(choices=filter_choices(user=reader), show_partner=sees_universities)
        assert form.filter_bar() in page
        assert ('<select name="partner"' in page) is sees_universities
        assert "R&amp;D &quot;&lt;lab&gt;&quot;</option>" in page
