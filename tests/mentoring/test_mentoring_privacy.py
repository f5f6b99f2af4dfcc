"""Only whom you need: a mentor finds people to exclude by name among their own cohorts' participants;
a student names whom to avoid in free text, applied in matching without saying whether it matched."""

import re

import numpy as np
import pytest
from django.urls import reverse

from accounts.models import User
from mentoring.matching import candidates
from mentoring.models import MentoringPreference
from mentoring.services import snapshot
from programmes.cohorts.models import CohortStatus
from tests.factories import CohortFactory, CoordinatorFactory, MentorFactory, StudentFactory
from tests.factories_mentoring import ConfirmedApplicationFactory, MatchFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db


def profile_page(client, q=None):
    return client.get(reverse("mentoring:mentor_profile"), {"q": q} if q is not None else {}).content.decode()


@pytest.fixture
def mentor_in_cohort():
    """A mentor with a match in one cohort; another cohort, running too, where they mentor nobody."""
    # Fixed names for the mentor and their mentee: a generated one ("Jasmine Hancock-Cox") would be
    # printed in the header or the match list and look like a leak.
    profile = MentorProfileFactory(user=MentorFactory(full_name="Morgan Mentor"))
    mine, other = CohortFactory(status=CohortStatus.RUNNING), CohortFactory(status=CohortStatus.RUNNING)
    mentee = StudentFactory(full_name="Riley Mentee")
    MatchFactory(
        cohort=mine, mentor=profile.user, student=ConfirmedApplicationFactory(cohort=mine, student=mentee).student
    )
    ConfirmedApplicationFactory(cohort=mine, student=StudentFactory(full_name="Jasmine Okafor"))
    ConfirmedApplicationFactory(cohort=mine, student=StudentFactory(full_name="Jasper Unconfirmed"), state="submitted")
    ConfirmedApplicationFactory(cohort=other, student=StudentFactory(full_name="Jasmine Elsewhere"))
    StudentFactory(full_name="Jasmine Noapplication")
    return profile


def test_the_picker_offers_only_confirmed_participants_of_the_mentors_own_cohorts(client, mentor_in_cohort):
    client.force_login(mentor_in_cohort.user)
    page = profile_page(client, "jas")
    assert "Jasmine Okafor" in page
    assert "Jasmine Elsewhere" not in page and "Jasper Unconfirmed" not in page and "Jasmine Noapplication" not in page
    elsewhere = User.objects.get(full_name="Jasmine Elsewhere")
    response = client.post(reverse("mentoring:excluded_people_add"), {"people": [elsewhere.pk]}, follow=True)
    assert "Tick at least one of the people found" in response.content.decode()
    assert not mentor_in_cohort.excluded_people.exists()


def test_no_page_lists_every_account_and_one_character_finds_nobody(client, mentor_in_cohort):
    client.force_login(mentor_in_cohort.user)
    for q in (None, "", "j", " j "):
        page = profile_page(client, q)
        assert "Jasmine" not in page and "Jasper" not in page
    assert "Type at least 2 letters" in profile_page(client, "j")


def test_a_mentor_adds_and_removes_a_person(client, mentor_in_cohort):
    client.force_login(mentor_in_cohort.user)
    jasmine = User.objects.get(full_name="Jasmine Okafor")
    client.post(reverse("mentoring:excluded_people_add"), {"people": [jasmine.pk]})
    assert list(mentor_in_cohort.excluded_people.all()) == [jasmine]
    page = profile_page(client, "jasmine")
    assert f'action="{reverse("mentoring:excluded_person_remove", args=[jasmine.pk])}"' in page
    assert "Nobody of that name in your cohorts" in page  # already excluded: not offered again
    client.post(reverse("mentoring:excluded_person_remove", args=[jasmine.pk]))
    assert not mentor_in_cohort.excluded_people.exists()


def test_before_a_first_match_the_pool_is_the_cohorts_open_or_running(client):
    profile = MentorProfileFactory()
    running, finished = CohortFactory(status=CohortStatus.RUNNING), CohortFactory(status=CohortStatus.FINISHED)
    ConfirmedApplicationFactory(cohort=running, student=StudentFactory(full_name="Rowan Running"))
    ConfirmedApplicationFactory(cohort=finished, student=StudentFactory(full_name="Rowan Finished"))
    client.force_login(profile.user)
    page = profile_page(client, "rowan")
    assert "Rowan Running" in page and "Rowan Finished" not in page


def test_the_search_is_capped(client):
    profile = MentorProfileFactory()
    cohort = CohortFactory(status=CohortStatus.OPEN)
    for n in range(25):
        ConfirmedApplicationFactory(cohort=cohort, student=StudentFactory(full_name=f"Casey {n:02d}"))
    client.force_login(profile.user)
    assert profile_page(client, "casey").count('name="people"') == 20


def test_the_students_free_text_removes_the_named_mentor_from_the_candidates(client):
    cohort = CohortFactory()
    application = ConfirmedApplicationFactory(cohort=cohort)
    avoided = MentorProfileFactory(user=MentorFactory(full_name="Dr Morgan Price"), organisation="Other Ltd")
    by_organisation = MentorProfileFactory(organisation="AstraZeneca UK")
    kept = MentorProfileFactory(user=MentorFactory(full_name="Morgana Pricewell"), organisation="Acme")
    for profile in (avoided, by_organisation, kept):
        profile.pathways.set(application.pathways.all())
    client.force_login(application.student)
    client.post(reverse("mentoring:preferences"), {"mode": "either", "not_matched_with": "morgan PRICE; astrazeneca"})
    assert MentoringPreference.objects.get(student=application.student).not_matched_with == "morgan PRICE; astrazeneca"
    taken = snapshot.take(cohort=cohort)
    problem = snapshot.problem_from(taken, objective="participation", weights={}, options={})
    cands = candidates.build(problem, np.ones(len(problem.students), dtype=bool))
    offered = {problem.mentors[j].id for j in cands.mentor}
    assert offered == {kept.user_id}


def test_the_preferences_page_never_says_whether_the_name_matched_a_mentor(client):
    MentorProfileFactory(user=MentorFactory(full_name="Dr Morgan Price"))
    student = ConfirmedApplicationFactory().student
    client.force_login(student)
    pages = []
    for text in ("Morgan Price", "Nobody Atall"):
        response = client.post(reverse("mentoring:preferences"), {"mode": "either", "not_matched_with": text})
        pages.append((response.status_code, response["Location"]))
        page = client.get(response["Location"]).content.decode().replace(text, "…")
        pages.append(re.sub(r"[A-Za-z0-9]{40,}", "token", page))  # CSRF tokens differ on every page
    assert pages[:2] == pages[2:]
    form_page = client.get(reverse("mentoring:preferences")).content.decode()
    assert "Dr Morgan Price" not in form_page


def test_the_admin_asks_for_ids_instead_of_listing_every_account(client):
    profile = MentorProfileFactory()
    StudentFactory(full_name="Listed Nowhere")
    client.force_login(CoordinatorFactory(is_staff=True, is_superuser=True))
    for url in (
        reverse("admin:mentoring_mentorprofile_change", args=[profile.pk]),
        reverse("admin:mentoring_pairrule_add"),
        reverse("admin:mentoring_mentoringpreference_add"),
    ):
        response = client.get(url)
        assert response.status_code == 200 and "Listed Nowhere" not in response.content.decode()
