"""A blind first review holds: while a reviewer has yet to review an application, nothing they can
reach names its applicant; the CV only where the cohort allows it, stripped of its document details."""

import io
from urllib.parse import urlencode

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AccessEvent
from programmes.admissions.models import ApplicationEvent
from programmes.admissions.models import ApplicationState as S
from tests.factories import CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_applications import private_media_fixture  # noqa: F401
from tests.factories_reviews import ReviewFactory, SubmittedApplicationFactory, university_in_cohort

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

NAME = "Philippa Quennell"
EMAIL = "p.quennell@example.ac.uk"


def cv_naming(name):
    """A one-page CV whose information dictionary and XMP stream both carry the name."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": name, "/Title": f"CV of {name}", "/Subject": name, "/Keywords": name})
    writer.xmp_metadata = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{name}</dc:creator></x:xmpmeta>'.encode()
    buffer = io.BytesIO()
    writer.write(buffer)
    assert name.encode() in buffer.getvalue()
    return SimpleUploadedFile("cv.pdf", buffer.getvalue(), content_type="application/pdf")


@pytest.fixture
def blind_application():
    seat = university_in_cohort()
    seat.cohort.blind_first_review = True
    seat.cohort.show_cv_in_blind_pass = True
    seat.cohort.save()
    student = StudentFactory(full_name=NAME, email=EMAIL)
    application = SubmittedApplicationFactory(
        cohort=seat.cohort, partner=seat.partner, student=student, course="Biomedical engineering", cv=cv_naming(NAME)
    )
    ApplicationEvent.objects.create(application=application, actor=student, from_state=S.DRAFT, to_state=S.SUBMITTED)
    return application


def reachable(client, application):
    """Every surface a reviewer can reach for this applicant, as (what, text) pairs."""
    searches = {"queue searched by name": NAME, "queue searched by email": EMAIL}
    responses = {
        "queue": client.get(reverse("review_queue")),
        **{what: client.get(reverse("review_queue"), {"q": query}) for what, query in searches.items()},
        "application page": client.get(reverse("review_application", args=[application.pk])),
        "csv export": client.get(reverse("review_export")),
        "cv": client.get(reverse("application_cv", args=[application.pk])),
        "dashboard": client.get(reverse("dashboard")),
        "calibration": client.get(reverse("review_calibration")),
        "decisions": client.get(reverse("decision_board")),
    }
    surfaces = []
    for what, response in responses.items():
        assert response.status_code == 200, what
        body = b"".join(response.streaming_content) if response.streaming else response.content
        surfaces.append((f"{what}: headers", "\n".join(f"{k}: {v}" for k, v in response.items())))
        if what == "cv":
            reader = pypdf.PdfReader(io.BytesIO(body))
            surfaces.append(("cv: document information", repr(dict(reader.metadata or {}))))
            surfaces.append(("cv: xmp", repr(reader.xmp_metadata and reader.xmp_metadata.stream.get_data())))
            surfaces.append(("cv: bytes", body.decode("latin-1")))
        elif what in searches:
            # The reader's own query, echoed in the search box and the CSV link, is all that may come back.
            text = body.decode()
            for echo in (f'value="{searches[what]}"', urlencode({"q": searches[what]})):
                assert echo in text
                text = text.replace(echo, "")
            surfaces.append((what, text))
        else:
            surfaces.append((what, body.decode()))
    return surfaces


def leaks(surfaces, *needles):
    return [what for what, text in surfaces for needle in needles if needle.lower() in text.lower()]


def test_nothing_a_reviewer_in_the_blind_pass_reaches_names_the_applicant(client, blind_application):
    staff = StaffFactory(partner=blind_application.partner)
    client.force_login(staff)
    surfaces = reachable(client, blind_application)
    assert "0 applications match" in dict(surfaces)["queue searched by name"]  # the name does not find them
    assert leaks(surfaces, NAME, EMAIL, NAME.split()[1]) == []
    history = dict(surfaces)["application page"]
    assert "<td>Applicant</td>" in history and f"<h1>Applicant #{blind_application.pk}</h1>" in history
    [access] = AccessEvent.objects.filter(what="cv")
    assert (access.actor, access.subject) == (staff, blind_application.student)
    assert access.detail == f"application {blind_application.pk}"


def test_the_cv_is_named_by_application_number_and_stripped_for_reviewers(client, blind_application):
    client.force_login(CoordinatorFactory())
    response = client.get(reverse("application_cv", args=[blind_application.pk]))
    assert f'filename="CV application-{blind_application.pk}.pdf"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    reader = pypdf.PdfReader(io.BytesIO(body))
    assert NAME.encode() not in body and len(reader.pages) == 1
    metadata = reader.metadata or {}
    assert not {"/Author", "/Title", "/Subject", "/Keywords", "/Creator"} & set(metadata)
    assert reader.xmp_metadata is None and "/Metadata" not in reader.trailer["/Root"]


def test_the_students_own_download_is_theirs_unchanged_and_not_logged(client, blind_application):
    client.force_login(blind_application.student)
    response = client.get(reverse("application_cv", args=[blind_application.pk]))
    assert NAME.encode() in b"".join(response.streaming_content)
    assert not AccessEvent.objects.filter(what="cv").exists()


def test_after_the_blind_pass_the_name_shows(client, blind_application):
    staff = StaffFactory(partner=blind_application.partner)
    ReviewFactory(application=blind_application, reviewer=staff)
    client.force_login(staff)
    surfaces = dict(reachable(client, blind_application))
    assert NAME in surfaces["queue"] and NAME in surfaces["application page"] and NAME in surfaces["csv export"]
    assert "1 application match" in surfaces["queue searched by name"]
    assert f"<td>{NAME}</td>" in surfaces["application page"] and f"<h1>{NAME}</h1>" in surfaces["application page"]


def test_without_the_cohort_setting_the_cv_waits_for_the_review(client, blind_application):
    blind_application.cohort.show_cv_in_blind_pass = False
    blind_application.cohort.save()
    staff = StaffFactory(partner=blind_application.partner)
    client.force_login(staff)
    page = client.get(reverse("review_application", args=[blind_application.pk])).content.decode()
    assert "you get it once you have submitted your review" in page
    assert reverse("application_cv", args=[blind_application.pk]) not in page
    refused = client.get(reverse("application_cv", args=[blind_application.pk]))
    assert refused.status_code == 403 and "blind first review" in refused.content.decode()
    assert not AccessEvent.objects.filter(what="cv").exists()
    ReviewFactory(application=blind_application, reviewer=staff)
    assert client.get(reverse("application_cv", args=[blind_application.pk])).status_code == 200


@pytest.mark.parametrize(
    ("blind", "cv_in_blind", "says"),
    [
        (False, False, "see your name"),
        (True, False, "without CVs"),
        (True, True, "has its document details"),
    ],
)
def test_students_are_told_who_sees_their_cv(client, blind, cv_in_blind, says):
    seat = university_in_cohort()
    seat.cohort.blind_first_review, seat.cohort.show_cv_in_blind_pass = blind, cv_in_blind
    seat.cohort.save()
    application = SubmittedApplicationFactory(cohort=seat.cohort, partner=seat.partner, state=S.DRAFT)
    client.force_login(application.student)
    page = client.get(reverse("application_section", args=[application.pk, "cv"])).content.decode()
    assert says in page


def test_a_cv_that_cannot_be_rewritten_is_not_served_as_it_is(client, blind_application, monkeypatch):
    def broken(self, stream):
        raise pypdf.errors.PdfReadError("odd structure")

    monkeypatch.setattr(pypdf.PdfWriter, "write", broken)
    client.force_login(CoordinatorFactory())
    response = client.get(reverse("application_cv", args=[blind_application.pk]))
    assert (
        response.status_code == 400 and "could not be copied without its document details" in response.content.decode()
    )
    assert NAME.encode() not in response.content and not AccessEvent.objects.filter(what="cv").exists()
