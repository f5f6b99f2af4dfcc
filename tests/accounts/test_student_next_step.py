"""A student always knows the next step: a primary "Start your application", the application's
status as a tracker, sessions and mentoring only with a confirmed place, sign-in pages in sentence
case, messages without field code names, and a real address wherever the coordinators are named."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from accounts.models import User
from programmes.admissions.models import ApplicationState as S
from tests.factories import CohortFactory, StudentFactory
from tests.factories_applications import open_cohort_with_partner
from tests.factories_reviews import SubmittedApplicationFactory

pytestmark = pytest.mark.django_db

CATALOG = Path(settings.BASE_DIR) / "accounts" / "locale" / "en_GB" / "LC_MESSAGES" / "django.po"


def dashboard(client, student):
    client.force_login(student)
    return client.get(reverse("dashboard")).content.decode()


def tracker(page):
    """[(step, words)] as a screen reader hears the tracker."""
    found = re.search(r'<ol class="status-tracker".*?</ol>', page, re.S)
    steps = re.findall(r'</span>([^<]+)<span class="visually-hidden"> \(([^)]+)\)', found.group(0)) if found else []
    return [(label.strip(), words) for label, words in steps]


def test_a_new_student_gets_a_start_button_and_no_sessions_or_mentoring(client):
    cohort = CohortFactory(name="Pilot 2027")
    page = dashboard(client, StudentFactory())
    start = reverse("application_start", args=[cohort.slug])
    assert f'<a class="btn btn-primary" href="{start}">Start your application' in page
    assert reverse("sessions:schedule") not in page and reverse("mentoring:preferences") not in page
    assert "mentor-heading" not in page


FOUR = ["Submitted", "Under review", "Decision", "Confirmed"]


@pytest.mark.parametrize(
    ("state", "closed", "labels", "current"),
    [
        (S.SUBMITTED, False, FOUR, 0),
        (S.SUBMITTED, True, FOUR, 1),
        (S.OFFERED, True, ["Submitted", "Under review", "Offered a place", "Confirmed"], 2),
        (S.WAITLISTED, True, ["Submitted", "Under review", "Waitlisted", "Confirmed"], 2),
        (S.REJECTED, True, ["Submitted", "Under review", "Not offered a place"], 2),
        (S.CONFIRMED, True, FOUR, 3),
        (S.WITHDRAWN, True, [], None),
    ],
)
def test_the_dashboard_shows_where_the_application_stands_as_a_tracker(client, state, closed, labels, current):
    close = timezone.now() + (timedelta(days=-1) if closed else timedelta(days=3))
    cohort, partner = open_cohort_with_partner(applications_close_at=close)
    application = SubmittedApplicationFactory(cohort=cohort, partner=partner, state=state)
    page = dashboard(client, application.student)
    words = ["done" if i < current else "current step" if i == current else "to come" for i in range(len(labels))]
    assert tracker(page) == list(zip(labels, words, strict=True))
    assert ('aria-current="step"' in page) is bool(labels)


def test_sessions_and_mentoring_appear_once_the_place_is_confirmed(client):
    cohort, partner = open_cohort_with_partner()
    application = SubmittedApplicationFactory(cohort=cohort, partner=partner, state=S.OFFERED)
    page = dashboard(client, application.student)
    assert reverse("sessions:schedule") not in page and reverse("mentoring:preferences") not in page
    application.state = S.CONFIRMED
    application.save()
    page = dashboard(client, application.student)
    assert f'href="{reverse("sessions:schedule")}">Sessions</a>' in page
    assert f'href="{reverse("mentoring:preferences")}">Mentoring</a>' in page


def test_sign_in_and_sign_up_pages_are_in_sentence_case(client):
    login = client.get(reverse("account_login")).content.decode()
    signup = client.get(reverse("account_signup")).content.decode()
    assert "Remember me" in login and "Sign in" in login
    assert "Sign up" in signup
    for page in (login, signup):
        for title_case in ("Sign In", "Sign Up", "Remember Me"):
            assert title_case not in page


def _catalog():
    entries = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', CATALOG.read_text(), re.M)
    return [(source.replace('\\"', '"'), copy.replace('\\"', '"')) for source, copy in entries]


def test_the_compiled_catalog_matches_its_source_and_is_sentence_case():
    entries = _catalog()
    assert len(entries) > 30
    with override("en-gb"):
        for source, copy in entries:
            assert gettext(source) == copy, f"recompile {CATALOG.with_suffix('.mo')}"
            assert not re.search(r" [A-Z][a-z]", copy), copy


def test_a_password_like_the_persons_name_is_refused_without_a_field_code_name():
    person = User(email="florence@warwick.ac.uk", full_name="Florence Nightingale")
    with pytest.raises(ValidationError) as refused:
        password_validation.validate_password("Nightingale", person)
    messages = " ".join(refused.value.messages)
    assert "too similar to the full name" in messages and "_" not in messages


def test_coordinators_are_named_with_their_address(client):
    cohort = CohortFactory(applications_close_at=timezone.now() - timedelta(hours=1))
    client.force_login(StudentFactory())
    page = client.get(reverse("application_start", args=[cohort.slug])).content.decode()
    assert f'href="mailto:{settings.FTL_CONTACT_EMAIL}">{settings.FTL_CONTACT_EMAIL}</a>' in page
    assert f"ask the FTL coordinators about an extension at {settings.FTL_CONTACT_EMAIL}." in page
