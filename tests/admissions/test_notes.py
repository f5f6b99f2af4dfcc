"""Notes, tags and the shortlist: who shares them, what the student never sees, the queue's filter."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from ftl_portal.privacy import entry_for
from programmes.admissions.models import SHORTLISTED, ApplicationNote, ApplicationTag
from programmes.admissions.selectors.notes import annotations
from programmes.admissions.services import notes
from programmes.admissions.services.reviews import declare_conflict
from programmes.privacy.models import ExportBundle
from tests.factories import CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_applications import private_media_fixture  # noqa: F401
from tests.factories_interviews import NoteFactory, shortlist
from tests.factories_reviews import ReviewFactory, SubmittedApplicationFactory, queue_queries, university_in_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    return university_in_cohort()


@pytest.fixture
def application(seat):
    return SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner)


@pytest.fixture
def staff(seat):
    return StaffFactory(partner=seat.partner, full_name="Rosalind Quill")


def test_staff_and_coordinators_share_notes_on_the_application_page(client, application, staff):
    coordinator = CoordinatorFactory(full_name="Cora Ordinator")
    notes.add_note(application=application, author=coordinator, text="Call her supervisor.")
    client.force_login(staff)
    response = client.post(
        reverse("application_note_add", args=[application.pk]), {"text": "  Strong on regulatory work.  "}
    )
    assert response.status_code == 302
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert "Call her supervisor." in page and "Cora Ordinator" in page
    assert "Strong on regulatory work." in page and "Rosalind Quill" in page
    assert ApplicationNote.objects.get(author=staff).text == "Strong on regulatory work."


def test_htmx_gets_the_panel_back_with_a_refusal_for_an_empty_note(client, application, staff):
    client.force_login(staff)
    response = client.post(
        reverse("application_note_add", args=[application.pk]), {"text": "   "}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="annotations"' in body and "Write the note before adding it." in body and "<html" not in body
    assert not ApplicationNote.objects.exists()


def test_a_note_too_long_is_refused_and_nothing_is_saved(client, application, staff):
    client.force_login(staff)
    client.post(reverse("application_note_add", args=[application.pk]), {"text": "x" * 4001})
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert "A note can be at most 4,000 characters" in page
    assert not ApplicationNote.objects.exists()


def test_tags_are_normalised_and_added_once(application, staff):
    notes.add_tag(application=application, actor=staff, label="  Strong   CV ")
    notes.add_tag(application=application, actor=staff, label="strong cv")
    assert list(ApplicationTag.objects.values_list("label", flat=True)) == ["strong cv"]
    with pytest.raises(notes.AnnotationRefused, match="at most 40"):
        notes.add_tag(application=application, actor=staff, label="x" * 41)
    with pytest.raises(notes.AnnotationRefused, match="Type the tag"):
        notes.add_tag(application=application, actor=staff, label="  ")


def test_shortlisting_and_unshortlisting_from_the_page(client, application, staff):
    client.force_login(staff)
    client.post(reverse("application_tag_add", args=[application.pk]), {"label": SHORTLISTED})
    assert ApplicationTag.objects.filter(application=application, label=SHORTLISTED).exists()
    page = client.get(reverse("review_application", args=[application.pk])).content.decode()
    assert f"?tag={SHORTLISTED}" in page and ">Shortlist<" not in page
    client.post(reverse("application_tag_remove", args=[application.pk]), {"label": "Shortlisted"})
    assert not ApplicationTag.objects.exists()


def test_only_the_author_or_a_coordinator_removes_a_note(client, application, staff):
    colleague = StaffFactory(partner=application.partner)
    note = NoteFactory(application=application, author=colleague)
    client.force_login(staff)
    client.post(reverse("application_note_delete", args=[application.pk, note.pk]))
    assert ApplicationNote.objects.filter(pk=note.pk).exists()
    client.force_login(CoordinatorFactory())
    client.post(reverse("application_note_delete", args=[application.pk, note.pk]))
    assert not ApplicationNote.objects.filter(pk=note.pk).exists()


@pytest.mark.parametrize("name", ["application_note_add", "application_tag_add", "application_tag_remove"])
def test_another_universitys_staff_get_404_and_write_nothing(client, application, name):
    client.force_login(StaffFactory())
    response = client.post(reverse(name, args=[application.pk]), {"text": "x", "label": "x"})
    assert response.status_code == 404
    assert not ApplicationNote.objects.exists() and not ApplicationTag.objects.exists()


@pytest.mark.parametrize("name", ["application_note_add", "application_tag_add"])
def test_students_may_not_post_notes_or_tags(client, application, name):
    client.force_login(application.student)
    assert client.post(reverse(name, args=[application.pk]), {"text": "x", "label": "x"}).status_code == 403


def test_a_note_on_another_application_is_not_found(client, application, staff):
    other = NoteFactory(application=SubmittedApplicationFactory(cohort=application.cohort, partner=application.partner))
    client.force_login(staff)
    assert client.post(reverse("application_note_delete", args=[application.pk, other.pk])).status_code == 404
    assert ApplicationNote.objects.filter(pk=other.pk).exists()


def test_a_reviewer_with_a_conflict_cannot_annotate(application, staff):
    declare_conflict(application=application, reviewer=staff)
    with pytest.raises(notes.AnnotationRefused):
        notes.add_note(application=application, author=staff, text="I know her.")


def test_the_student_never_sees_the_notes_or_tags(client, application):
    NoteFactory(application=application, text="Private: borderline on motivation.")
    shortlist(application)
    client.force_login(application.student)
    for url in [reverse("dashboard"), reverse("application_check", args=[application.pk])]:
        page = client.get(url).content.decode()
        assert "borderline on motivation" not in page and SHORTLISTED not in page.lower()
    assert client.get(reverse("review_application", args=[application.pk])).status_code == 403


def test_the_queue_filters_the_shortlist(client, seat, staff):
    on_list = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, course="On the list")
    SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, course="Not yet")
    shortlist(on_list)
    client.force_login(staff)
    page = client.get(reverse("review_queue"), {"tag": SHORTLISTED}).content.decode()
    assert "On the list" in page and "Not yet" not in page
    other_tag = client.get(reverse("review_queue"), {"tag": "Strong CV"}).content.decode()
    assert "On the list" not in other_tag and '<option value="strong cv" selected>' in other_tag


@pytest.mark.parametrize("rows", [1, 20])
def test_the_shortlist_filter_keeps_the_queue_query_count_flat(client, seat, staff, django_assert_num_queries, rows):
    for application in SubmittedApplicationFactory.create_batch(rows, cohort=seat.cohort, partner=seat.partner):
        shortlist(application)
    client.force_login(staff)
    client.get(reverse("review_queue"))  # warm the session
    with django_assert_num_queries(queue_queries(filtered=True)):
        assert client.get(reverse("review_queue"), {"tag": SHORTLISTED}).status_code == 200


def test_a_stranger_and_a_student_read_nothing_from_the_selector(application):
    NoteFactory(application=application)
    assert annotations(application=application, user=StudentFactory())["notes"] == []
    assert annotations(application=application, user=StaffFactory())["notes"] == []


@pytest.mark.usefixtures("private_media")
def test_the_students_data_export_holds_the_notes_without_their_authors(
    client, application, staff, django_capture_on_commit_callbacks
):
    NoteFactory(application=application, author=staff, text="Ask about the wearables project.")
    shortlist(application, by=staff)
    client.force_login(application.student)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:my_data"))
    bundle = ExportBundle.objects.get(person=application.student)
    response = client.get(reverse("privacy:bundle_download", args=[bundle.token]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["admissions.ApplicationNote"][0]["note"] == "Ask about the wearables project."
    assert data["admissions.ApplicationTag"][0]["tag"] == SHORTLISTED
    assert "Rosalind" not in archive.read("data.json").decode() + archive.read("index.html").decode()


def test_erasing_the_student_deletes_the_notes_about_them(application, staff):
    NoteFactory(application=application, author=staff)
    entry = entry_for(ApplicationNote)
    rows = entry.rows(application.student)
    assert rows.count() == 1
    assert entry.erase == "delete"
    assert entry.rows(staff).count() == 0  # a colleague's export does not carry notes about applicants


@pytest.fixture
def blind_application(seat):
    seat.cohort.blind_first_review = True
    seat.cohort.save()
    student = StudentFactory(full_name="Imogen Fairweather-Oduya", email="imogen.f@warwick.example")
    return SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, student=student)


def test_a_blind_reviewer_reads_the_notes_and_tags_without_the_applicants_name(client, blind_application, staff):
    coordinator = CoordinatorFactory()
    notes.add_note(
        application=blind_application,
        author=coordinator,
        text="Spoke to IMOGEN on the phone; Fairweather-Oduya (imogen.f@warwick.example) can start in May.",
    )
    # Written before the student took this name (add_tag refuses a tag naming them): still withheld.
    ApplicationTag.objects.create(application=blind_application, label="imogen's referee", added_by=coordinator)
    notes.add_tag(application=blind_application, actor=coordinator, label="strong cv")
    client.force_login(staff)
    page = client.get(reverse("review_application", args=[blind_application.pk])).content.decode()
    assert "imogen" not in page.lower() and "fairweather" not in page.lower()
    assert "Spoke to [name withheld] on the phone; [name withheld] ([name withheld]) can start in May." in page
    assert "strong cv" in page
    assert "the applicant's name is withheld from these notes, and 1 tag naming them is not shown" in page
    assert ApplicationNote.objects.get().text.startswith("Spoke to IMOGEN")  # only the reading is withheld


def test_after_reviewing_the_reviewer_reads_the_notes_whole(client, blind_application, staff):
    notes.add_note(application=blind_application, author=CoordinatorFactory(), text="Imogen asked about May.")
    ReviewFactory(application=blind_application, reviewer=staff)
    client.force_login(staff)
    page = client.get(reverse("review_application", args=[blind_application.pk])).content.decode()
    assert "Imogen asked about May." in page and "[name withheld]" not in page
    assert 'data-testid="blind-notes"' not in page


def test_a_tag_naming_the_applicant_is_refused(client, blind_application, staff):
    client.force_login(CoordinatorFactory())
    url = reverse("application_tag_add", args=[blind_application.pk])
    response = client.post(url, {"label": "Fairweather-Oduya's referee"}, HTTP_HX_REQUEST="true")
    assert "A tag is listed in the queue&#x27;s filter for every reviewer, so it may not name the applicant." in (
        response.content.decode()
    )
    assert not ApplicationTag.objects.exists()
