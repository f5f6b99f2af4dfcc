"""Releasing decisions asks first: a page lists each person with university, decision and score and
the emails that will go, one open; the confirmation carries a fingerprint of that list, so a list
that changed meanwhile sends nothing, and a second post of the same confirmation sends nothing."""

import re

import pytest
from django.urls import reverse

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import StagedDecision
from programmes.admissions.services import decisions
from tests.factories import CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_reviews import (
    ReviewFactory,
    SubmittedApplicationFactory,
    release_fingerprint,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat(db):
    return university_in_cohort(quota=60)


@pytest.fixture
def staff(seat):
    return StaffFactory(partner=seat.partner)


def staged(seat, staff, decision="offered", *, name="Ella Hughes", score=4.25):
    application = SubmittedApplicationFactory(
        cohort=seat.cohort, partner=seat.partner, student=StudentFactory(full_name=name)
    )
    ReviewFactory(application=application, weighted_score=score)
    decisions.stage_decision(application=application, decision=decision, actor=staff)
    return application


def page_of(client, seat):
    response = client.get(reverse("decision_release", args=[seat.pk]))
    assert response.status_code == 200
    return response.content.decode()


def posted_fingerprint(page):
    return re.search(r'name="audience" value="([0-9a-f]+)"', page).group(1)


def test_the_board_names_each_person_with_university_and_score(client, seat, staff):
    staged(seat, staff)
    client.force_login(CoordinatorFactory())
    board = client.get(reverse("decision_board")).content.decode()
    assert "Ella Hughes" in board and "4.25 (1)" in board and seat.partner.short_name in board
    assert f'href="{reverse("decision_release", args=[seat.pk])}"' in board  # a link to the confirmation, not a post


def test_the_confirmation_lists_people_counts_emails_and_sends_nothing_yet(client, seat, staff):
    offered = staged(seat, staff, name="Ella Hughes", score=4.25)
    staged(seat, staff, "rejected", name="Ruby King", score=2.0)
    client.force_login(CoordinatorFactory())
    page = page_of(client, seat)
    assert "Release 2 decisions?" in page and "2 emails will go" in page
    assert "Ella Hughes" in page and "Ruby King" in page and seat.partner.name in page
    assert "Offer a place" in page and "Do not offer" in page and "4.25 (1)" in page and "2.00 (1)" in page
    # One example open (the first), the other folded; the offer's reply-by date is filled in.
    assert page.count("<details open") == 1 and page.count("<details") == 2
    assert f"To {offered.student.email}: Decision: you are offered a place" in page
    assert "Please accept or decline by " in page and "by None" not in page
    assert "Release and email 2 people" in page
    assert not OutboxMessage.objects.filter(key__startswith="decision:").exists()
    assert StagedDecision.objects.count() == 2


def test_confirming_releases_once_and_a_second_post_changes_nothing(client, seat, staff, run_on_commit, mailoutbox):
    application = staged(seat, staff)
    client.force_login(CoordinatorFactory())
    confirmed = {"audience": posted_fingerprint(page_of(client, seat))}
    with run_on_commit():
        first = client.post(reverse("decision_release", args=[seat.pk]), confirmed, follow=True)
    assert "Released 1 decision; the students are emailed." in first.content.decode()
    with run_on_commit():
        second = client.post(reverse("decision_release", args=[seat.pk]), confirmed, follow=True)
    assert "Nothing to release" in second.content.decode()
    assert len(mailoutbox) == 1
    assert list(OutboxMessage.objects.values_list("key", flat=True)) == [f"decision:{application.pk}:offered"]


@pytest.mark.parametrize("change", ["staged another", "changed a decision", "unstaged one"])
def test_a_list_changed_since_the_preview_sends_nothing_and_says_so(client, seat, staff, change):
    first = staged(seat, staff)
    client.force_login(CoordinatorFactory())
    confirmed = {"audience": posted_fingerprint(page_of(client, seat))}
    if change == "staged another":
        staged(seat, staff, "waitlisted", name="Noah Patel")
    elif change == "changed a decision":
        decisions.stage_decision(application=first, decision="rejected", actor=staff)
    else:
        staged(seat, staff, "waitlisted", name="Noah Patel")
        confirmed = {"audience": posted_fingerprint(page_of(client, seat))}
        decisions.unstage_decision(application=first, actor=staff)
    response = client.post(reverse("decision_release", args=[seat.pk]), confirmed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The list changed since you opened this confirmation, so nothing was sent." in page
    assert not OutboxMessage.objects.exists()
    assert StagedDecision.objects.exists()
    # The page shows the list as it is now, with a fingerprint that releases it.
    response = client.post(reverse("decision_release", args=[seat.pk]), {"audience": posted_fingerprint(page)})
    assert response.status_code == 302 and not StagedDecision.objects.exists()


def test_a_post_without_the_confirmation_fingerprint_sends_nothing(client, seat, staff):
    staged(seat, staff)
    client.force_login(CoordinatorFactory())
    page = client.post(reverse("decision_release", args=[seat.pk])).content.decode()
    assert "nothing was sent" in page and not OutboxMessage.objects.exists()


def test_staff_in_a_blind_pass_see_neither_name_nor_email_on_the_confirmation(client, seat, staff):
    seat.cohort.blind_first_review = seat.cohort.staff_may_release = True
    seat.cohort.save()
    application = staged(seat, staff, name="Ella Hughes")
    client.force_login(staff)
    page = page_of(client, seat)
    assert f"Applicant #{application.pk}" in page and "1 email will go" in page
    assert "Ella Hughes" not in page and application.student.email not in page and "<details" not in page
    assert "Not shown until you review" in page
    board = client.get(reverse("decision_board")).content.decode()
    assert "Ella Hughes" not in board and f"Applicant #{application.pk}" in board


@pytest.mark.parametrize(
    "who, expected",
    [("coordinator", 200), ("own staff, cohort lets staff release", 200), ("own staff", 302), ("other staff", 404)],
)
def test_who_may_open_the_confirmation(client, seat, staff, who, expected):
    staged(seat, staff)
    if who == "own staff, cohort lets staff release":
        seat.cohort.staff_may_release = True
        seat.cohort.save()
    people = {
        "coordinator": CoordinatorFactory,
        "own staff, cohort lets staff release": lambda: staff,
        "own staff": lambda: staff,
        "other staff": lambda: StaffFactory(),
    }
    client.force_login(people[who]())
    assert client.get(reverse("decision_release", args=[seat.pk])).status_code == expected
    assert not OutboxMessage.objects.exists()


def test_students_get_403_and_anonymous_people_sign_in(client, seat, staff):
    staged(seat, staff)
    url = reverse("decision_release", args=[seat.pk])
    assert client.get(url).status_code == 302 and "/accounts/login/" in client.get(url)["Location"]
    client.force_login(StudentFactory())
    assert client.get(url).status_code == 403
    assert client.post(url, {"audience": release_fingerprint(seat)}).status_code == 403
    assert StagedDecision.objects.count() == 1


@pytest.mark.parametrize("rows", [1, 50])
def test_confirmation_query_count_does_not_grow_with_rows(client, seat, staff, django_assert_num_queries, rows):
    for n in range(rows):
        staged(seat, staff, "offered" if n % 2 else "rejected", name=f"Student {n}")
    client.force_login(CoordinatorFactory())
    client.get(reverse("decision_release", args=[seat.pk]))  # warm the session
    # session, user, cohort partner, staged decisions with their applications, review figures
    with django_assert_num_queries(5):
        page = page_of(client, seat)
    assert page.count("<details") == rows
