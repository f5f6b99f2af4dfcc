"""The CV: a checked PDF of at most 5 MB in private storage; anything else refused, nothing kept."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.admissions.models import Application
from programmes.admissions.models import ApplicationState as S
from tests.factories import CoordinatorFactory, MentorFactory, StaffFactory, StudentFactory
from tests.factories_applications import (
    CompleteApplicationFactory,
    open_cohort_with_partner,
    pdf_bytes,
    pdf_upload,
    private_media_fixture,  # noqa: F401
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


@pytest.fixture
def draft(client):
    cohort, partner = open_cohort_with_partner()
    application = Application.objects.create(cohort=cohort, partner=partner, student=StudentFactory())
    client.force_login(application.student)
    return application


def upload(client, application, file):
    return client.post(reverse("application_section", args=[application.pk, "cv"]), {"cv": file}, follow=True)


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_pdf_is_stored_privately_under_a_name_of_ours(client, draft, private_media):
    response = upload(client, draft, pdf_upload("My CV <final>.pdf"))
    assert "“CV” saved." in response.content.decode()
    draft.refresh_from_db()
    [stored] = stored_files(private_media)
    assert stored.read_bytes().startswith(b"%PDF-") and "final" not in stored.name
    assert not str(stored).startswith(str(settings.MEDIA_ROOT)) and not str(stored).startswith(
        str(settings.STATIC_ROOT)
    )
    assert draft.cv.name.startswith(f"cv/{draft.cohort_id}/{draft.student_id}/")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"Just some text pretending to be a PDF", "Your CV must be a PDF file."),
        ("cv.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "Your CV must be a PDF file."),
        ("cv.docx", b"PK\x03\x04word/document.xml", "Your CV must be a PDF file."),
        ("cv.pdf", b"%PDF-1.7\nthis is not really a pdf at all", "This PDF could not be read."),
        ("cv.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), "Your CV must be 5 MB or smaller."),
    ],
    ids=["text-renamed", "png-renamed", "word", "broken-pdf", "oversized"],
)
def test_anything_but_a_readable_pdf_of_5_mb_is_refused_and_nothing_is_stored(
    client, draft, private_media, name, content, message
):
    response = upload(client, draft, SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert response.status_code == 400
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert not draft.cv and stored_files(private_media) == []


def test_a_new_cv_replaces_the_old_file(client, draft, private_media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, draft, pdf_upload())
    first = stored_files(private_media)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, draft, SimpleUploadedFile("other.pdf", pdf_bytes()))
    second = stored_files(private_media)
    assert len(first) == len(second) == 1 and first != second


@pytest.mark.parametrize(
    ("who", "state", "status"),
    [
        ("owner", S.DRAFT, 200),
        ("owner", S.SUBMITTED, 200),
        ("other_student", S.SUBMITTED, 404),
        ("staff_own", S.SUBMITTED, 200),
        ("staff_own", S.DRAFT, 404),
        ("staff_other", S.SUBMITTED, 404),
        ("coordinator", S.SUBMITTED, 200),
        ("coordinator", S.DRAFT, 404),
        ("mentor", S.SUBMITTED, 404),
        ("anonymous", S.SUBMITTED, 302),
    ],
)
def test_cv_download_is_for_the_student_their_university_staff_and_coordinators(client, who, state, status):
    application = CompleteApplicationFactory(state=state)
    user = {
        "owner": lambda: application.student,
        "other_student": StudentFactory,
        "staff_own": lambda: StaffFactory(partner=application.partner),
        "staff_other": StaffFactory,
        "coordinator": CoordinatorFactory,
        "mentor": MentorFactory,
        "anonymous": lambda: None,
    }[who]()
    if user:
        client.force_login(user)
    response = client.get(reverse("application_cv", args=[application.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
