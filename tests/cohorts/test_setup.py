"""Coordinators set up partners, cohorts (quotas, eligibility, rubric), pathways and extensions."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programmes.admissions.models import ApplicationExtension
from programmes.cohorts.forms import PathwayForm
from programmes.cohorts.models import Cohort, CohortPartner, Partner, Pathway
from tests.factories import (
    ApplicationFactory,
    CohortFactory,
    CohortPartnerFactory,
    CoordinatorFactory,
    PartnerFactory,
    PathwayFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def coordinator_client(client):
    client.force_login(CoordinatorFactory())
    return client


def cohort_post(partners, rubric=(("motivation", "Motivation", 3), ("potential", "Potential", 2)), **overrides):
    data = {
        "cohort-name": "Autumn 2027",
        "cohort-slug": "autumn-2027",
        "cohort-summary": "Sessions, insight, mentoring.",
        "cohort-status": "open",
        "cohort-applications_open_at": "2027-06-01T09:00",
        "cohort-applications_close_at": "2027-07-01T12:00",
        "cohort-programme_starts_on": "2027-09-01",
        "cohort-programme_ends_on": "2028-03-01",
        "cohort-levels_allowed": ["ug", "pgt"],
        "cohort-offer_response_days": 7,
        "cohort-blind_first_review": "on",
        "rubric-TOTAL_FORMS": len(rubric),
        "rubric-INITIAL_FORMS": 0,
        "rubric-MIN_NUM_FORMS": 0,
        "rubric-MAX_NUM_FORMS": 1000,
    }
    for partner, quota in partners.items():
        data[f"quota-quota_{partner.pk}"] = quota
    for i, (key, label, weight) in enumerate(rubric):
        data.update({f"rubric-{i}-key": key, f"rubric-{i}-label": label, f"rubric-{i}-weight": weight})
    data.update(overrides)
    return data


def test_coordinator_adds_a_partner_with_its_email_domains(coordinator_client):
    response = coordinator_client.post(
        reverse("setup_partner_create"),
        {
            "name": "University of Leicester",
            "short_name": "Leicester",
            "slug": "leicester",
            "email_domains": "le.ac.uk\n@student.le.ac.uk",
            "contact_name": "Careers",
            "contact_email": "c@le.ac.uk",
        },
    )
    assert response["Location"] == reverse("setup_index")
    partner = Partner.objects.get(slug="leicester")
    assert partner.email_domains == ["le.ac.uk", "student.le.ac.uk"] and partner.owns_email("x@student.le.ac.uk")


def test_a_bad_email_domain_is_refused(coordinator_client):
    response = coordinator_client.post(
        reverse("setup_partner_create"), {"name": "X", "slug": "x", "email_domains": "not a domain"}
    )
    assert "“not a domain” is not an email domain." in response.content.decode()
    assert not Partner.objects.filter(slug="x").exists()


def test_coordinator_creates_a_cohort_with_quotas_rubric_and_uk_times(coordinator_client):
    warwick, aru, other = PartnerFactory(), PartnerFactory(), PartnerFactory()
    response = coordinator_client.post(reverse("setup_cohort_create"), cohort_post({warwick: 15, aru: 12, other: ""}))
    assert response["Location"] == reverse("setup_index")
    cohort = Cohort.objects.get(slug="autumn-2027")
    # 12:00 in July is BST, an hour ahead of UTC.
    assert cohort.applications_close_at == datetime(2027, 7, 1, 11, 0, tzinfo=UTC)
    assert {cp.partner: cp.quota for cp in cohort.cohort_partners.all()} == {warwick: 15, aru: 12}
    assert cohort.rubric == [
        {"key": "motivation", "label": "Motivation", "weight": 3},
        {"key": "potential", "label": "Potential", "weight": 2},
    ]
    assert cohort.levels_allowed == ["ug", "pgt"] and cohort.blind_first_review and not cohort.staff_may_release
    page = coordinator_client.get(reverse("setup_index")).content.decode()
    assert "1 Jul 2027, 12:00 BST" in page


@pytest.mark.parametrize(
    ("rubric", "overrides", "message"),
    [
        ((("a", "A", 1), ("a", "Again", 2)), {}, "“a” is used twice"),
        ((("a", "A", 0),), {}, "Ensure this value is greater than or equal to 1."),
        ((), {}, "The rubric needs at least one criterion."),
        ((("a", "A", 1),), {"cohort-applications_close_at": "2027-05-01T12:00"}, "Applications must close after"),
        ((("a", "A", 1),), {"cohort-offer_response_days": 0}, "at least one day"),
    ],
)
def test_bad_cohort_settings_are_refused_and_nothing_is_saved(coordinator_client, rubric, overrides, message):
    partner = PartnerFactory()
    response = coordinator_client.post(reverse("setup_cohort_create"), cohort_post({partner: 5}, rubric, **overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Cohort.objects.exists()


def test_a_cohort_needs_a_partner_with_a_quota(coordinator_client):
    PartnerFactory()
    response = coordinator_client.post(reverse("setup_cohort_create"), cohort_post({}))
    assert "At least one partner university must take part" in response.content.decode()


def test_a_partner_with_applicants_cannot_leave_the_cohort_and_nothing_half_changes(coordinator_client):
    cohort = CohortFactory(name="Before")
    kept, leaving = CohortPartnerFactory(cohort=cohort), CohortPartnerFactory(cohort=cohort)
    ApplicationFactory(cohort=cohort, partner=leaving.partner)
    data = cohort_post({kept.partner: 3, leaving.partner: ""}, **{"cohort-slug": cohort.slug, "cohort-name": "After"})
    response = coordinator_client.post(reverse("setup_cohort_edit", args=[cohort.pk]), data, follow=True)
    assert "already has applicants in this cohort" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.name == "Before" and CohortPartner.objects.filter(cohort=cohort).count() == 2


def test_coordinator_edits_a_pathway_and_the_public_page_shows_it(coordinator_client, client):
    pathway = PathwayFactory(name="Regulatory affairs", slug="regulatory-affairs")
    coordinator_client.post(
        reverse("setup_pathway_edit", args=[pathway.pk]),
        {
            "name": "Regulatory affairs",
            "slug": "regulatory-affairs",
            "summary": "Approvals.",
            "roles": "Regulatory affairs officer\nQuality manager",
            "qualification_levels": ["4-5", "6"],
            "ordering": 1,
        },
    )
    pathway.refresh_from_db()
    assert pathway.roles == ["Regulatory affairs officer", "Quality manager"]
    client.logout()
    listing = client.get(reverse("pathway_list")).content.decode()
    assert "Regulatory affairs officer" in listing
    detail = client.get(reverse("pathway_detail", args=["regulatory-affairs"])).content.decode()
    assert "Level 4/5: Higher Technical Qualifications (HTQs)" in detail and "Level 6: bachelor" in detail
    assert "Level 8" not in detail
    assert client.get(reverse("pathway_detail", args=["nope"])).status_code == 404


def test_coordinator_grants_and_withdraws_an_extension(coordinator_client):
    cohort = CohortFactory()
    student = StudentFactory(email="late@uni.ac.uk")
    url = reverse("setup_extensions", args=[cohort.pk])
    until = timezone.localtime(cohort.applications_close_at + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page = coordinator_client.post(url, {"email": "LATE@uni.ac.uk", "until": until, "reason": "Illness"}, follow=True)
    assert "late@uni.ac.uk may now submit until" in page.content.decode()
    extension = ApplicationExtension.objects.get(cohort=cohort, student=student)
    assert extension.reason == "Illness"
    coordinator_client.post(reverse("setup_extension_revoke", args=[cohort.pk, extension.pk]))
    assert not ApplicationExtension.objects.exists()


@pytest.mark.parametrize(
    ("email", "until_days", "message"),
    [("nobody@uni.ac.uk", 2, "No student has an account"), ("late@uni.ac.uk", -1, "must end after the cohort")],
)
def test_a_bad_extension_is_refused(coordinator_client, email, until_days, message):
    cohort = CohortFactory()
    StudentFactory(email="late@uni.ac.uk")
    until = timezone.localtime(cohort.applications_close_at + timedelta(days=until_days)).strftime("%Y-%m-%dT%H:%M")
    response = coordinator_client.post(reverse("setup_extensions", args=[cohort.pk]), {"email": email, "until": until})
    assert message in response.content.decode() and not ApplicationExtension.objects.exists()


def test_script_tags_in_set_up_text_are_shown_escaped(coordinator_client, client):
    partner = PartnerFactory(name=SCRIPT + "P", contact_name=SCRIPT)
    cohort = CohortFactory(name=SCRIPT + "C", summary=SCRIPT)
    CohortPartnerFactory(cohort=cohort, partner=partner)
    PathwayFactory(name=SCRIPT + "A", slug="a", summary=SCRIPT, roles=[SCRIPT])
    student = StudentFactory()
    ApplicationExtension.objects.create(cohort=cohort, student=student, until=timezone.now(), reason=SCRIPT)
    for response in (
        coordinator_client.get(reverse("setup_index")),
        coordinator_client.get(reverse("setup_extensions", args=[cohort.pk])),
        client.get(reverse("pathway_list")),
        client.get(reverse("pathway_detail", args=["a"])),
        client.get(reverse("cohort_detail", args=[cohort.slug])),
        client.get(reverse("cohort_list")),
    ):
        page = response.content.decode()
        assert response.status_code == 200 and "<script>alert" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("rows", [1, 50])
def test_set_up_overview_makes_the_same_queries_for_1_and_50_cohorts(
    coordinator_client, django_assert_num_queries, rows
):
    for _ in range(rows):
        CohortPartnerFactory()
    PathwayFactory()
    coordinator_client.get(reverse("setup_index"))  # warm the session
    # session, user, cohorts, partners, pathways
    with django_assert_num_queries(5):
        assert coordinator_client.get(reverse("setup_index")).status_code == 200
    assert Pathway.objects.count() == 1


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("url", "make"), [("pathway_list", PathwayFactory), ("cohort_list", CohortPartnerFactory)])
def test_public_lists_make_the_same_queries_for_1_and_50_rows(client, url, make):
    make()
    one = count_queries(client, reverse(url))
    for _ in range(49):
        make()
    assert count_queries(client, reverse(url)) == one


def test_coordinator_lets_reviewers_have_the_cv_in_the_blind_pass(coordinator_client):
    form = coordinator_client.get(reverse("setup_cohort_create")).content.decode()
    assert "Reviewers get the CV in the blind pass" in form and "the CV waits until" in form
    data = cohort_post({PartnerFactory(): 10}, **{"cohort-show_cv_in_blind_pass": "on"})
    assert coordinator_client.post(reverse("setup_cohort_create"), data)["Location"] == reverse("setup_index")
    assert Cohort.objects.get(slug="autumn-2027").show_cv_in_blind_pass


def test_two_coordinators_adding_the_same_pathway_at_once_get_a_form_error_not_a_500(coordinator_client, monkeypatch):
    """The race: both requests pass the form's unique check before either saves, so the second
    save meets the unique constraint."""
    monkeypatch.setattr(PathwayForm, "validate_unique", lambda self: None)
    monkeypatch.setattr(Pathway, "full_clean", lambda self, **kw: Model.full_clean(self, validate_unique=False))
    data = {"name": "Wearables", "slug": "wearables", "summary": "Devices.", "ordering": 1}
    assert coordinator_client.post(reverse("setup_pathway_create"), data).status_code == 302
    response = coordinator_client.post(reverse("setup_pathway_create"), data)
    assert response.status_code == 200
    assert "Pathway with this Name already exists." in response.content.decode()
    assert Pathway.objects.filter(name="Wearables").count() == 1


def test_add_criterion_adds_an_empty_row_and_saves_nothing(coordinator_client):
    partner = PartnerFactory()
    response = coordinator_client.post(
        reverse("setup_cohort_create"), {**cohort_post({partner: 3}), "add_criterion": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'name="rubric-2-key"' in page
    assert "Nothing is saved until you save the cohort." in page
    assert not Cohort.objects.exists()


def test_descriptors_and_review_settings_are_saved_with_the_rubric(coordinator_client):
    partner = PartnerFactory()
    data = cohort_post(
        {partner: 3},
        **{
            "rubric-0-descriptor_1": "No reason given",
            "rubric-0-descriptor_5": "Compelling and specific",
            "cohort-min_reviews_for_decision": "2",
            "cohort-gives_feedback": "on",
        },
    )
    coordinator_client.post(reverse("setup_cohort_create"), data)
    cohort = Cohort.objects.get()
    assert cohort.rubric[0]["descriptors"] == ["No reason given", "", "", "", "Compelling and specific"]
    assert "descriptors" not in cohort.rubric[1]
    assert (cohort.min_reviews_for_decision, cohort.gives_feedback) == (2, True)
    page = coordinator_client.get(reverse("setup_cohort_edit", args=[cohort.pk])).content.decode()
    assert 'value="Compelling and specific"' in page


def test_too_many_reviews_before_a_decision_is_refused(coordinator_client):
    data = cohort_post({PartnerFactory(): 3}, **{"cohort-min_reviews_for_decision": "11"})
    response = coordinator_client.post(reverse("setup_cohort_create"), data)
    assert "Ask for at most 10 reviews before a decision." in response.content.decode()
    assert not Cohort.objects.exists()


def test_a_blank_minimum_of_reviews_means_one(coordinator_client):
    coordinator_client.post(reverse("setup_cohort_create"), cohort_post({PartnerFactory(): 3}))
    assert Cohort.objects.get().min_reviews_for_decision == 1
