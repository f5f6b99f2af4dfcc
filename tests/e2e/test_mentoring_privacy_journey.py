"""Without JavaScript doing anything special: a mentor searches their cohort for a person not to be
matched with, adds them, removes them; a student names whom to avoid in free text. axe on every page."""

import pytest

from mentoring.models import MentoringPreference
from programmes.cohorts.models import CohortStatus
from tests.e2e.browser import sign_in, sign_out
from tests.factories import CohortFactory, StudentFactory
from tests.factories_mentoring import ConfirmedApplicationFactory, MentorProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_mentor_excludes_a_person_found_by_name_and_a_student_names_whom_to_avoid(page, axe_check):
    profile = MentorProfileFactory()
    cohort = CohortFactory(status=CohortStatus.RUNNING)
    ConfirmedApplicationFactory(cohort=cohort, student=StudentFactory(full_name="Jasmine Okafor"))
    student = ConfirmedApplicationFactory(cohort=cohort).student

    sign_in(page, axe_check, profile.user.email)
    page.goto("/mentoring/profile/")
    axe_check(page)
    page.get_by_label("Search by name").fill("jas")
    page.get_by_role("button", name="Search").click()
    page.get_by_label("Jasmine Okafor").check()
    axe_check(page)
    page.get_by_role("button", name="Do not match me with the ones ticked").click()
    page.get_by_text("Saved: you will not be matched with them.").wait_for()
    axe_check(page)
    assert list(profile.excluded_people.values_list("full_name", flat=True)) == ["Jasmine Okafor"]
    page.get_by_role("button", name="Remove Jasmine Okafor").click()
    page.get_by_text("Removed from the people you are not matched with.").wait_for()
    assert not profile.excluded_people.exists()
    sign_out(page)

    sign_in(page, axe_check, student.email)
    page.goto("/mentoring/preferences/")
    axe_check(page)
    page.get_by_label("People or organisations you must not be matched with").fill("Acme Devices")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("alert").get_by_text("Your mentoring preferences are saved.").wait_for()
    assert MentoringPreference.objects.get(student=student).not_matched_with == "Acme Devices"
