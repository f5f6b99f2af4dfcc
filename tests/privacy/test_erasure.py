"""Erasure: after erase_person, no table and no private file holds the person's address, name or
CV, while the programme's counts stay what they were and the address stays suppressed."""

from collections import Counter
from importlib import import_module

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts.models import AccessEvent, User
from ftl_portal.outbox.models import OutboxMessage
from mentoring.models import Match, MatchState
from programmes.admissions import read_cache
from programmes.admissions.models import Application, ApplicationState
from programmes.cohorts.models import Partner
from programmes.events.models import Booking, BookingStatus, CalendarFeed
from programmes.privacy.models import DataRequest, ErasureRecord, RequestKind, RequestStatus
from programmes.privacy.services import erase_address, erase_person
from programmes.privacy.services.erasure import ErasureRefused
from programmes.recruitment.models import Suppression
from programmes.recruitment.selectors import blocked_emails
from tests.factories import CohortFactory, CoordinatorFactory, PartnerFactory
from tests.factories_accounts import give_totp
from tests.factories_applications import private_media_fixture  # noqa: F401
from tests.factories_campaigns import ProspectFactory
from tests.factories_mentoring import MatchFactory
from tests.factories_outbox import OutboxMessageFactory
from tests.factories_sessions import BookingFactory, SessionFactory, confirmed_student
from tests.privacy.world import CV_BYTES, person_who_touched_everything, someone_else

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_mentioning(*needles):
    found = []
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        for row in model.objects.values_list(*fields) if fields else []:
            text = " ".join(str(value) for value in row).lower()
            found += [(model._meta.label, needle) for needle in needles if needle.lower() in text]
    return found


def files_mentioning(folder, *needles):
    return [path for path in folder.rglob("*") if path.is_file() and any(n in path.read_bytes() for n in needles)]


def counts():
    return (
        Counter(Application.objects.values_list("state", flat=True)),
        Counter(Booking.objects.values_list("status", flat=True)),
    )


@pytest.mark.redis_sessions  # where REDIS_URL is set: the sessions kept in Redis end too
def test_nothing_identifies_the_person_after_erasure_and_counts_stay(private_media, django_capture_on_commit_callbacks):
    world = person_who_touched_everything()
    other = someone_else()
    coordinator = CoordinatorFactory()
    student = world["student"]
    email, name = student.email, student.full_name
    cv = private_media / world["application"].cv.name
    assert cv.read_bytes() == CV_BYTES
    before = counts()
    give_totp(student)
    elsewhere = Client()
    elsewhere.force_login(student)  # a live session, signed in elsewhere
    elsewhere_key = elsewhere.session.session_key

    with django_capture_on_commit_callbacks(execute=True):
        record = erase_person(person=student, actor=coordinator, reason="Asked by email")

    assert not Authenticator.objects.filter(user=student).exists()
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(student.pk)]
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert not store().exists(elsewhere_key)  # in Redis too, where sessions are read from it
    assert not CalendarFeed.objects.filter(user=student).exists()

    assert rows_mentioning(email, name, "Zanele") == []
    assert files_mentioning(private_media, email.encode(), name.encode(), CV_BYTES) == []
    assert not cv.exists()
    assert counts() == before
    student.refresh_from_db()
    assert (student.email, student.full_name, student.is_active) == (
        f"erased-{student.pk}@invalid",
        "Erased person",
        False,
    )
    assert not student.has_usable_password()
    assert blocked_emails([email]) == {email}  # never emailed again, though only a hash is kept
    assert AccessEvent.objects.filter(what="application").count() == 1  # the event stays, the identity goes
    assert record.counts["admissions.Application"] == 1 and record.actor == coordinator
    assert Match.objects.get(pk=world["match"].pk).state == MatchState.ENDED
    # Someone else's data is untouched.
    assert Application.objects.get(student=other).motivation == "Tiberius's own motivation text."
    assert OutboxMessage.objects.filter(to=other.email).exists()


def test_a_confirmed_participant_is_withdrawn_their_seat_freed_and_the_mentor_told(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    student = confirmed_student(session.cohort)
    BookingFactory(session=session, participant=student)
    match = MatchFactory(cohort=session.cohort, student=student)
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(person=student, actor=student, reason="Deleted their own account")
    assert Application.objects.get(student=student).state == ApplicationState.WITHDRAWN
    assert Booking.objects.get(participant=student).status != BookingStatus.BOOKED
    session.refresh_from_db()
    assert session.seats_taken == 0
    told = OutboxMessage.objects.get(to=match.mentor.email, key=f"privacy:match-ended:{match.pk}")
    assert "has left the programme" in told.body_text and student.full_name not in told.body_text


def test_a_person_deletes_their_own_account(client):
    world = person_who_touched_everything()
    student = world["student"]
    client.force_login(student)
    page = client.get(reverse("privacy:erase_account")).content.decode()
    assert "What is kept, without anything that identifies you" in page
    wrong = client.post(reverse("privacy:erase_account"), {"email": "someone@else.example"})
    assert "That is not the email address you sign in with." in wrong.content.decode()
    assert User.objects.get(pk=student.pk).is_active
    done = client.post(reverse("privacy:erase_account"), {"email": student.email.upper()})
    assert "Your account is deleted" in done.content.decode()
    assert not User.objects.get(pk=student.pk).is_active
    assert client.get(reverse("dashboard")).status_code == 302  # signed out
    assert ErasureRecord.objects.get().reason == "The person deleted their own account."


def test_a_coordinator_erases_on_request_with_a_reason(client):
    world = person_who_touched_everything()
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    request = DataRequest.objects.create(
        person=world["student"],
        email=world["student"].email,
        kind=RequestKind.ERASURE,
        received_on="2026-11-20",
        created_by=coordinator,
    )
    url = reverse("privacy:request_erase", args=[request.pk])
    assert "This field is required" in client.post(url, {"reason": ""}).content.decode()
    response = client.post(url, {"reason": "Letter of 20 November"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.FULFILLED and request.email == ""
    record = ErasureRecord.objects.get()
    assert (record.reason, record.actor, record.request) == ("Letter of 20 November", coordinator, request)
    assert "Zanele" not in client.get(reverse("privacy:request_detail", args=[request.pk])).content.decode()


def test_erasing_twice_is_refused():
    world = person_who_touched_everything()
    erase_person(person=world["student"], actor=world["student"], reason="First")
    with pytest.raises(ErasureRefused, match="already been erased"):
        erase_person(person=world["student"], actor=world["student"], reason="Second")
    assert ErasureRecord.objects.count() == 1


def test_a_prospect_without_an_account_is_erased_from_a_request(client):
    ProspectFactory(email="pat@example.org", first_name="Patricia")
    OutboxMessageFactory(to="pat@example.org", body_text="Dear Patricia")
    coordinator = CoordinatorFactory()
    request = DataRequest.objects.create(email="pat@example.org", kind=RequestKind.ERASURE, received_on="2026-11-20")
    client.force_login(coordinator)
    client.post(reverse("privacy:request_erase", args=[request.pk]), {"reason": "Email of 20 November"})
    assert rows_mentioning("pat@example.org", "Patricia") == []
    assert blocked_emails(["pat@example.org"]) == {"pat@example.org"}
    assert ErasureRecord.objects.get().counts["recruitment.Prospect"] == 1


def test_a_release_link_in_an_old_reminder_stops_working():
    booking = BookingFactory()
    before = booking.revision
    erase_person(person=booking.participant, actor=booking.participant, reason="Own request")
    booking.refresh_from_db()
    assert booking.revision > before


def test_erasing_a_fulfilled_request_again_is_refused_on_the_page(client):
    ProspectFactory(email="pat@example.org", first_name="Patricia")
    client.force_login(CoordinatorFactory())
    request = DataRequest.objects.create(email="pat@example.org", kind=RequestKind.ERASURE, received_on="2026-11-20")
    url = reverse("privacy:request_erase", args=[request.pk])
    assert client.post(url, {"reason": "Email of 20 November"}).status_code == 302
    again = client.post(url, {"reason": "Clicked twice"})
    assert again.status_code == 400
    assert "already been fulfilled" in again.content.decode()
    assert ErasureRecord.objects.count() == 1


def test_an_address_erased_before_is_erased_again_without_a_second_suppression():
    ProspectFactory(email="pat@example.org")
    erase_address(email="pat@example.org", actor=None, reason="First letter")
    ProspectFactory(email="pat@example.org")  # signed up again, then asked again
    erase_address(email="Pat@Example.org", actor=None, reason="Second letter")
    assert ErasureRecord.objects.count() == 2
    assert Suppression.objects.count() == 1
    assert blocked_emails(["pat@example.org"]) == {"pat@example.org"}


def test_an_erased_university_contact_is_not_kept_by_a_cached_read_of_the_set_up():
    """The register erases a university's contact with update(), which sends no signal."""
    partner = PartnerFactory(contact_name="Pat Contact", contact_email="pat@example.org")

    def contact_email():
        return Partner.objects.values_list("contact_email", flat=True).get(pk=partner.pk)

    def cached_contact_email():
        reads = {"contact": (read_cache.CHOICES, f"contact:{partner.pk}", contact_email)}
        return read_cache.cached_many(reads)["contact"]

    assert cached_contact_email() == "pat@example.org"
    erase_address(email="pat@example.org", actor=None, reason="Asked by letter")
    assert cached_contact_email() == ""


def test_erasing_an_address_with_no_account_blanks_the_university_and_cohort_contacts_it_names():
    partner = PartnerFactory(contact_name="Pat Contact", contact_email="pat@example.org")
    cohort = CohortFactory(contact_email="Pat@Example.org")
    other = PartnerFactory(contact_name="Sam Contact", contact_email="sam@example.org")

    record = erase_address(email="pat@example.org", actor=None, reason="Asked by letter")

    for row in (partner, cohort, other):
        row.refresh_from_db()
    assert (partner.contact_name, partner.contact_email, cohort.contact_email) == ("", "", "")
    assert (other.contact_name, other.contact_email) == ("Sam Contact", "sam@example.org")
    assert record.counts["cohorts.Partner"] == 1 and record.counts["cohorts.Cohort"] == 1
