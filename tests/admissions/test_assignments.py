"""Assignment: automatic (balanced, conflicts and departments respected) and by hand, reassigning,
who may do it (another university's is a 404), bad input on the form, and My assignments."""

import pytest
from django.urls import reverse

from programmes.admissions.models import ReviewAssignment, ReviewerProfile
from programmes.admissions.services import assignments as services
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_reviews import (
    ReviewAssignmentFactory,
    ReviewFactory,
    SubmittedApplicationFactory,
    lead_reviewer,
    queue_queries,
    university_in_cohort,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    return university_in_cohort()


def applications(seat, n, **fields):
    return SubmittedApplicationFactory.create_batch(n, cohort=seat.cohort, partner=seat.partner, **fields)


def loads(seat):
    counts = {}
    for reviewer_id in ReviewAssignment.objects.filter(application__cohort=seat.cohort).values_list(
        "reviewer_id", flat=True
    ):
        counts[reviewer_id] = counts.get(reviewer_id, 0) + 1
    return counts


def test_auto_assign_gives_each_application_n_reviewers_with_even_loads(seat):
    reviewers = StaffFactory.create_batch(3, partner=seat.partner)
    apps = applications(seat, 6)
    result = services.auto_assign(
        cohort=seat.cohort,
        partner=seat.partner,
        per_application=2,
        keep_departments_apart=True,
        actor=CoordinatorFactory(),
    )
    assert len(result.pairs) == 12 and result.short == {}
    assert sorted(loads(seat).values()) == [4, 4, 4]
    for a in apps:
        assert a.assignments.count() == 2
    assert set(loads(seat)) == {r.pk for r in reviewers}


def test_auto_assign_respects_conflicts_departments_and_existing_reviews(seat):
    conflicted, same_department, reviewed, free = StaffFactory.create_batch(4, partner=seat.partner)
    ReviewerProfile.objects.create(user=same_department, department="Engineering", department_courses=["BSc Optics"])
    application = applications(seat, 1, course="bsc optics ")[0]
    ReviewFactory(application=application, reviewer=conflicted, conflict_declared=True, scores={}, weighted_score=None)
    ReviewFactory(application=application, reviewer=reviewed)
    result = services.auto_assign(
        cohort=seat.cohort,
        partner=seat.partner,
        per_application=3,
        keep_departments_apart=True,
        actor=CoordinatorFactory(),
    )
    # The review already written counts as one; only `free` may take another; one is short.
    assert result.pairs == [(application.pk, free.pk)]
    assert result.short == {application.pk: 1}


def test_a_second_run_adds_nothing_and_existing_assignments_count(seat):
    StaffFactory.create_batch(2, partner=seat.partner)
    applications(seat, 3)
    kwargs = dict(cohort=seat.cohort, partner=seat.partner, per_application=2, keep_departments_apart=False)
    services.auto_assign(actor=CoordinatorFactory(), **kwargs)
    again = services.auto_assign(actor=CoordinatorFactory(), **kwargs)
    assert again.pairs == [] and ReviewAssignment.objects.count() == 6


def test_lead_reviewer_manages_own_university_only(client, seat):
    lead = lead_reviewer(seat.partner)
    other = university_in_cohort(cohort=seat.cohort)
    foreign = applications(other, 1)[0]
    foreign_assignment = ReviewAssignmentFactory(application=foreign)
    client.force_login(lead)
    assert client.get(reverse("assignments_manage")).status_code == 200
    assert client.get(reverse("assignments_manage"), {"partner": other.partner.slug}).status_code == 404
    reviewer = StaffFactory(partner=seat.partner)
    response = client.post(reverse("assignment_reassign", args=[foreign_assignment.pk]), {"reviewer": reviewer.pk})
    assert response.status_code == 404
    assert client.post(reverse("assignment_remove", args=[foreign_assignment.pk])).status_code == 404
    assert client.post(reverse("reviewer_profile", args=[foreign_assignment.reviewer_id])).status_code == 404
    response = client.post(
        reverse("assignments_auto"), {"partner": other.partner.slug, "cohort": seat.cohort.pk, "per_application": 1}
    )
    assert response.status_code == 404
    assert ReviewAssignment.objects.filter(application__partner=other.partner).count() == 1


def test_staff_who_are_not_leads_may_not_assign(client, seat):
    client.force_login(StaffFactory(partner=seat.partner))
    assert client.get(reverse("assignments_manage")).status_code == 403
    with pytest.raises(services.AssignmentRefused):
        services.assign_by_hand(
            application=applications(seat, 1)[0],
            reviewer=StaffFactory(partner=seat.partner),
            actor=StaffFactory(partner=seat.partner),
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"per_application": ""}, "Say how many reviewers each application needs."),
        ({"per_application": "two"}, "Reviewers per application is a whole number, such as 2."),
        ({"per_application": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"per_application": "5"}, "has 2 reviewers, so no application can have 5."),
    ],
)
def test_bad_input_on_the_automatic_form_gets_a_message_and_assigns_nothing(client, seat, data, message):
    StaffFactory.create_batch(2, partner=seat.partner)
    applications(seat, 2)
    client.force_login(CoordinatorFactory())
    response = client.post(
        reverse("assignments_auto"), {"partner": seat.partner.slug, "cohort": seat.cohort.pk, **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReviewAssignment.objects.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("missing", "Give the application&#x27;s number"),
        ("words", "An application number is a whole number"),
        ("foreign", "There is no application #"),
        ("bad_reviewer", "Choose one of this university&#x27;s reviewers."),
        ("conflict", "declared a conflict of interest"),
    ],
)
def test_bad_input_on_the_hand_form_gets_a_message_and_assigns_nothing(client, seat, field, message):
    reviewer = StaffFactory(partner=seat.partner)
    application = applications(seat, 1)[0]
    other = university_in_cohort(cohort=seat.cohort)
    foreign = applications(other, 1)[0]
    data = {
        "partner": seat.partner.slug,
        "cohort": seat.cohort.pk,
        "application": application.pk,
        "reviewer": reviewer.pk,
    }
    if field == "missing":
        data["application"] = ""
    elif field == "words":
        data["application"] = "twelve"
    elif field == "foreign":
        data["application"] = foreign.pk
    elif field == "bad_reviewer":
        data["reviewer"] = StaffFactory(partner=other.partner).pk
    else:
        ReviewFactory(
            application=application, reviewer=reviewer, conflict_declared=True, scores={}, weighted_score=None
        )
    client.force_login(CoordinatorFactory())
    response = client.post(reverse("assignments_by_hand"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReviewAssignment.objects.exists()


def test_coordinator_assigns_by_hand_and_a_second_time_is_refused(client, seat):
    reviewer = StaffFactory(partner=seat.partner, full_name="Ada Reviewer")
    application = applications(seat, 1)[0]
    client.force_login(CoordinatorFactory())
    data = {
        "partner": seat.partner.slug,
        "cohort": seat.cohort.pk,
        "application": application.pk,
        "reviewer": reviewer.pk,
    }
    response = client.post(reverse("assignments_by_hand"), data, follow=True)
    assert f"Application #{application.pk} assigned to Ada Reviewer." in response.content.decode()
    response = client.post(reverse("assignments_by_hand"), data)
    assert response.status_code == 400 and "already assigned to Ada Reviewer" in response.content.decode()
    assert ReviewAssignment.objects.count() == 1


def test_lead_reassigns_an_unreviewed_assignment_but_not_a_reviewed_one(client, seat):
    lead = lead_reviewer(seat.partner)
    first, second = StaffFactory.create_batch(2, partner=seat.partner)
    open_one = ReviewAssignmentFactory(application=applications(seat, 1)[0], reviewer=first)
    done = ReviewAssignmentFactory(application=applications(seat, 1)[0], reviewer=first)
    ReviewFactory(application=done.application, reviewer=first)
    client.force_login(lead)
    client.post(reverse("assignment_reassign", args=[open_one.pk]), {"reviewer": second.pk})
    assert ReviewAssignment.objects.get(application=open_one.application).reviewer == second
    response = client.post(reverse("assignment_reassign", args=[done.pk]), {"reviewer": second.pk}, follow=True)
    assert "has already reviewed application" in response.content.decode()
    assert ReviewAssignment.objects.get(pk=done.pk).reviewer == first


def test_only_a_coordinator_names_a_lead(client, seat):
    lead = lead_reviewer(seat.partner)
    colleague = StaffFactory(partner=seat.partner)
    client.force_login(lead)
    prefix = f"r{colleague.pk}"
    client.post(
        reverse("reviewer_profile", args=[colleague.pk]),
        {
            f"{prefix}-department": "Physics",
            f"{prefix}-courses": "BSc Physics\n\nMPhys",
            f"{prefix}-is_lead": "on",
            "partner": seat.partner.slug,
        },
    )
    profile = ReviewerProfile.objects.get(user=colleague)
    assert (profile.department, profile.department_courses, profile.is_lead) == (
        "Physics",
        ["BSc Physics", "MPhys"],
        False,
    )
    client.force_login(CoordinatorFactory())
    client.post(reverse("reviewer_profile", args=[colleague.pk]), {f"{prefix}-is_lead": "on"})
    assert ReviewerProfile.objects.get(user=colleague).is_lead


def test_lead_sees_each_reviewers_progress(client, seat):
    lead = lead_reviewer(seat.partner)
    busy = StaffFactory(partner=seat.partner, full_name="Busy Reviewer")
    assignments = [ReviewAssignmentFactory(application=a, reviewer=busy) for a in applications(seat, 3)]
    ReviewFactory(application=assignments[0].application, reviewer=busy)
    client.force_login(lead)
    page = client.get(reverse("assignments_manage")).content.decode()
    assert "Busy Reviewer" in page and "1 of 3" in page


def test_my_assignments_shows_progress_and_hides_blind_names(client, seat):
    seat.cohort.blind_first_review = True
    seat.cohort.save()
    reviewer = StaffFactory(partner=seat.partner)
    first, second = applications(seat, 2)
    first.student.full_name, second.student.full_name = "Grace Hopper", "Alan Turing"
    first.student.save(), second.student.save()
    for a in (first, second):
        ReviewAssignmentFactory(application=a, reviewer=reviewer)
    ReviewFactory(application=first, reviewer=reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("my_assignments")).content.decode()
    assert "1 of 2 done" in page and "Grace Hopper" in page
    assert "Alan Turing" not in page and f"Applicant #{second.pk}" in page


@pytest.mark.parametrize("rows", [1, 50])
def test_my_assignments_query_count_is_flat(client, seat, django_assert_num_queries, rows):
    reviewer = StaffFactory(partner=seat.partner)
    for a in applications(seat, rows):
        ReviewAssignmentFactory(application=a, reviewer=reviewer)
    client.force_login(reviewer)
    client.get(reverse("my_assignments"))
    # session, user, assignments, the lead check
    with django_assert_num_queries(4):
        assert client.get(reverse("my_assignments")).status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_assignment_page_query_count_is_flat(client, seat, django_assert_num_queries, rows):
    reviewers = StaffFactory.create_batch(3, partner=seat.partner)
    for i, a in enumerate(applications(seat, rows)):
        ReviewAssignmentFactory(application=a, reviewer=reviewers[i % 3])
    client.force_login(CoordinatorFactory())
    client.get(reverse("assignments_manage"))
    # session, user, universities, their cohorts, reviewers, their progress, done counts, open assignments
    with django_assert_num_queries(8):
        assert client.get(reverse("assignments_manage")).status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_queue_assigned_to_me_filter_is_flat_and_restricts(client, seat, django_assert_num_queries, rows):
    reviewer = StaffFactory(partner=seat.partner)
    for a in applications(seat, rows):
        ReviewAssignmentFactory(application=a, reviewer=reviewer)
    unassigned = applications(seat, 1, course="Unassigned course")[0]
    client.force_login(reviewer)
    url = reverse("review_queue") + "?mine=assigned"
    client.get(url)
    with django_assert_num_queries(queue_queries(filtered=True)):
        page = client.get(url).content.decode()
    assert f"Applicant #{unassigned.pk}" not in page and "Unassigned course" not in page
