"""A student applies: the cohort page, eligibility, sections saving as they go, check your answers,
submit (once), and what the dashboard then offers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import Application, ApplicationEvent
from programmes.admissions.models import ApplicationState as S
from programmes.admissions.models.applications import CAMPAIGN_REF_SESSION_KEY
from programmes.cohorts.models import LevelOfStudy, Pathway
from tests.factories import PathwayFactory, StudentFactory
from tests.factories_applications import (
    CompleteApplicationFactory,
    ExtensionFactory,
    open_cohort_with_partner,
    private_media_fixture,  # noqa: F401
    words,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


def text(response):
    return response.content.decode()


def section_url(application, slug):
    return reverse("application_section", args=[application.pk, slug])


@pytest.fixture
def cohort_and_partner():
    return open_cohort_with_partner(
        applications_close_at=timezone.now() + timedelta(days=12, hours=1),
        levels_allowed=[LevelOfStudy.UNDERGRADUATE, LevelOfStudy.MASTERS],
    )


def test_public_cohort_page_says_what_it_offers_who_may_apply_and_when_it_closes(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    cohort.offer = {
        kind: f"What {kind} gives you." for kind in ("expert_talk", "careers_insight", "mentoring", "networking")
    }
    cohort.save()
    page = text(client.get(reverse("cohort_detail", args=[cohort.slug])))
    for offer in ("Expert-led sessions", "Careers insight", "Mentoring", "Networking", "What mentoring gives you."):
        assert offer in page
    assert partner.name in page and "Master&#x27;s (level 7)" in page and "Doctoral" not in page
    assert "closes in 13 days" in page
    assert (" GMT" in page) or (" BST" in page)


def test_a_draft_cohort_has_no_public_page(client, cohort_and_partner):
    cohort, _ = cohort_and_partner
    cohort.status = "draft"
    cohort.save()
    assert client.get(reverse("cohort_detail", args=[cohort.slug])).status_code == 404


def test_eligible_student_starts_a_draft_that_records_the_campaign_ref(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    student = StudentFactory(email=f"kim@{partner.email_domains[0]}")
    client.force_login(student)
    session = client.session
    session[CAMPAIGN_REF_SESSION_KEY] = "spring-fair"
    session.save()
    start = reverse("application_start", args=[cohort.slug])
    page = text(client.get(start))
    assert f'<option value="{partner.pk}" selected>' in page and "disabled" in page
    response = client.post(start, {"partner": partner.pk, "level_of_study": LevelOfStudy.UNDERGRADUATE})
    application = Application.objects.get(student=student)
    assert response["Location"] == reverse("application_tasks", args=[application.pk])
    assert (application.partner, application.campaign_ref, application.state) == (partner, "spring-fair", S.DRAFT)
    # Coming back (or a double click) finds the same draft.
    assert client.post(start, {"partner": partner.pk, "level_of_study": "ug"})["Location"] == response["Location"]
    assert Application.objects.filter(student=student).count() == 1


def test_a_university_email_decides_the_university(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    other = open_cohort_with_partner()[1]
    cohort.cohort_partners.create(partner=other)
    student = StudentFactory(email=f"kim@{partner.email_domains[0]}")
    client.force_login(student)
    client.post(reverse("application_start", args=[cohort.slug]), {"partner": other.pk, "level_of_study": "ug"})
    assert Application.objects.get(student=student).partner == partner


@pytest.mark.parametrize(
    ("choice", "level", "close_in_days", "reason"),
    [
        ("none", "ug", 5, "is open to students of"),
        ("partner", "ecr", 5, "level of study is not one this cohort takes"),
        ("partner", "ug", -1, "closed on"),
    ],
)
def test_ineligible_student_is_told_why_and_what_to_do(client, choice, level, close_in_days, reason):
    cohort, partner = open_cohort_with_partner(
        applications_close_at=timezone.now() + timedelta(days=close_in_days), levels_allowed=["ug"]
    )
    client.force_login(StudentFactory())
    data = {"partner": partner.pk if choice == "partner" else "", "level_of_study": level}
    page = text(client.post(reverse("application_start", args=[cohort.slug]), data))
    assert "You cannot apply to this cohort" in page and reason in page
    assert not Application.objects.exists()


def test_a_closed_cohort_says_so_before_the_form_is_filled(client):
    cohort, _ = open_cohort_with_partner(applications_close_at=timezone.now() - timedelta(hours=2))
    client.force_login(StudentFactory())
    page = text(client.get(reverse("application_start", args=[cohort.slug])))
    assert "You cannot apply to this cohort" in page and "closed on" in page


def test_a_finished_cohort_takes_no_submissions_even_with_an_extension(client):
    application = CompleteApplicationFactory(cohort__status="finished")
    ExtensionFactory(cohort=application.cohort, student=application.student)
    client.force_login(application.student)
    page = text(client.post(reverse("application_submit", args=[application.pk]), follow=True))
    assert "has finished and takes no more applications" in page
    application.refresh_from_db()
    assert application.state == S.DRAFT


def test_a_late_student_with_an_extension_may_still_start(client):
    cohort, partner = open_cohort_with_partner(applications_close_at=timezone.now() - timedelta(hours=2))
    student = StudentFactory()
    ExtensionFactory(cohort=cohort, student=student)
    client.force_login(student)
    client.post(reverse("application_start", args=[cohort.slug]), {"partner": partner.pk, "level_of_study": "ug"})
    assert Application.objects.filter(student=student).exists()


def test_sections_save_as_the_student_goes_with_a_status_each(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    application = Application.objects.create(cohort=cohort, partner=partner, student=StudentFactory())
    client.force_login(application.student)
    tasks = reverse("application_tasks", args=[application.pk])
    assert text(client.get(tasks)).count("Not started") == 7  # the optional access-needs section is complete when empty

    client.post(section_url(application, "about"), {"course": "Biomedical Engineering", "level_of_study": ""})
    page = text(client.get(tasks))
    assert "In progress" in page and "Biomedical" not in page
    client.post(
        section_url(application, "about"),
        {"course": "Biomedical Engineering", "level_of_study": "ug", "year_of_study": 2},
    )
    client.post(section_url(application, "motivation"), {"motivation": words(5)})
    area = PathwayFactory()
    client.post(section_url(application, "pathways"), {"pathways": [area.pk]})
    application.refresh_from_db()
    assert (application.course, application.year_of_study, list(application.pathways.all())) == (
        "Biomedical Engineering",
        2,
        [area],
    )
    page = text(client.get(tasks))
    assert page.count("Completed") == 3 and page.count("In progress") == 1
    assert "You have completed 3 of 8 sections" in page


@pytest.mark.parametrize("state", [S.SUBMITTED, S.OFFERED, S.CONFIRMED])
def test_once_submitted_going_back_to_the_application_shows_the_dashboard_not_the_task_list(
    client, cohort_and_partner, state
):
    # The cohort page's "Sign in" and "Go to your application" lead here; a student with an offer
    # was told to "Submit by" the deadline instead of seeing the offer to answer.
    cohort, partner = cohort_and_partner
    application = CompleteApplicationFactory(cohort=cohort, partner=partner, state=state)
    client.force_login(application.student)
    start = client.get(reverse("application_start", args=[cohort.slug]), follow=True)
    assert start.redirect_chain[-1][0] == reverse("dashboard")
    assert "Submit by" not in text(start)
    assert f"Status: <strong>{application.get_state_display()}</strong>" in text(start)


def test_autosave_through_htmx_says_saved_or_why_not(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    application = Application.objects.create(cohort=cohort, partner=partner, student=StudentFactory())
    client.force_login(application.student)
    saved = client.post(
        section_url(application, "career-goals"), {"career_goals": "Regulatory"}, HTTP_HX_REQUEST="true"
    )
    assert "Saved at" in text(saved)
    refused = client.post(
        section_url(application, "career-goals"), {"career_goals": words(201)}, HTTP_HX_REQUEST="true"
    )
    assert "Not saved: Use at most 200 words; you have 201." in text(refused)
    application.refresh_from_db()
    assert application.career_goals == "Regulatory"


@pytest.mark.parametrize(
    ("slug", "field", "limit"), [("motivation", "motivation", 300), ("availability", "availability", 100)]
)
def test_over_long_text_is_refused_on_the_server_and_kept_on_the_page(client, cohort_and_partner, slug, field, limit):
    cohort, partner = cohort_and_partner
    application = Application.objects.create(cohort=cohort, partner=partner, student=StudentFactory())
    client.force_login(application.student)
    response = client.post(section_url(application, slug), {field: words(limit + 1)})
    assert response.status_code == 400
    page = text(response)
    assert f"Use at most {limit} words; you have {limit + 1}." in page
    assert f'data-word-limit="{limit}"' in page and f'id="id_{field}-wordcount"' in page
    assert words(limit + 1) in page
    application.refresh_from_db()
    assert getattr(application, field) == ""


def test_more_than_three_pathways_are_refused(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    application = Application.objects.create(cohort=cohort, partner=partner, student=StudentFactory())
    client.force_login(application.student)
    areas = [PathwayFactory().pk for _ in range(4)]
    assert "Choose at most 3 pathways." in text(client.post(section_url(application, "pathways"), {"pathways": areas}))
    assert not application.pathways.exists() and Pathway.objects.count() == 4


def test_check_your_answers_stays_closed_until_every_section_is_complete(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    application = CompleteApplicationFactory(cohort=cohort, partner=partner, availability="", consent_given_at=None)
    client.force_login(application.student)
    tasks = text(client.get(reverse("application_tasks", args=[application.pk])))
    assert 'data-testid="check-locked"' in tasks and reverse("application_check", args=[application.pk]) not in tasks
    response = client.get(reverse("application_check", args=[application.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("application_tasks", args=[application.pk])
    assert "Complete every section before you check your answers. Still to do: Availability, Consent." in text(response)
    response = client.post(reverse("application_submit", args=[application.pk]), follow=True)
    assert "Complete these sections before you submit: Availability, Consent." in text(response)
    application.refresh_from_db()
    assert application.state == S.DRAFT and not OutboxMessage.objects.exists()


def test_submit_once_even_when_posted_twice_and_a_receipt_is_queued(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    application = CompleteApplicationFactory(cohort=cohort, partner=partner)
    client.force_login(application.student)
    url = reverse("application_submit", args=[application.pk])
    assert client.post(url)["Location"] == reverse("dashboard")
    assert client.post(url)["Location"] == reverse("dashboard")
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    assert ApplicationEvent.objects.filter(application=application).count() == 1
    receipt = OutboxMessage.objects.get()
    assert receipt.key == f"decision:{application.pk}:submitted" and receipt.to == application.student.email
    dashboard = text(client.get(reverse("dashboard")))
    assert "Submitted" in dashboard and "What happens next" in dashboard


def test_submission_after_the_close_is_refused_with_a_clear_message_unless_extended(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    application = CompleteApplicationFactory(cohort=cohort, partner=partner)
    cohort.applications_close_at = timezone.now() - timedelta(minutes=5)
    cohort.save()
    client.force_login(application.student)
    url = reverse("application_submit", args=[application.pk])
    page = text(client.post(url, follow=True))
    assert f"Applications to {cohort.name} closed on" in page and "ask the FTL coordinators about an extension" in page
    ExtensionFactory(cohort=cohort, student=application.student)
    client.post(url)
    application.refresh_from_db()
    assert application.state == S.SUBMITTED


def test_a_submitted_application_cannot_be_edited(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    application = CompleteApplicationFactory(cohort=cohort, partner=partner, state=S.SUBMITTED)
    client.force_login(application.student)
    response = client.post(section_url(application, "motivation"), {"motivation": "changed"}, follow=True)
    assert "can no longer change" in text(response)
    application.refresh_from_db()
    assert application.motivation != "changed"


def test_script_tags_in_every_free_text_field_are_shown_escaped(client, cohort_and_partner):
    cohort, partner = cohort_and_partner
    script = "<script>alert('x')</script>"
    application = Application.objects.create(cohort=cohort, partner=partner, student=StudentFactory(full_name=script))
    client.force_login(application.student)
    client.post(section_url(application, "about"), {"course": script, "level_of_study": "ug", "year_of_study": 1})
    for slug, field in (
        ("motivation", "motivation"),
        ("career-goals", "career_goals"),
        ("availability", "availability"),
    ):
        client.post(section_url(application, slug), {field: script})
    application.refresh_from_db()
    assert application.motivation == script
    assert "<script>alert" not in text(client.get(section_url(application, "motivation")))
    # Check your answers opens on a complete draft or a submitted application.
    Application.objects.filter(pk=application.pk).update(state=S.SUBMITTED)
    for url in (reverse("application_check", args=[application.pk]), reverse("dashboard")):
        page = text(client.get(url))
        assert "<script>alert" not in page
    # The student's name (in the menu), course, motivation, career goals and availability.
    assert text(client.get(reverse("application_check", args=[application.pk]))).count("&lt;script&gt;") == 5


def test_student_withdraws_with_an_optional_reason(client):
    application = CompleteApplicationFactory(state=S.SUBMITTED)
    client.force_login(application.student)
    url = reverse("application_withdraw", args=[application.pk])
    assert "Withdraw my application" in text(client.get(url))
    page = text(client.post(url, {"reason": "I got a placement."}, follow=True))
    assert "Your application is withdrawn." in page
    event = ApplicationEvent.objects.get(application=application)
    assert (event.to_state, event.reason) == (S.WITHDRAWN, "I got a placement.")
    assert OutboxMessage.objects.filter(key=f"decision:{application.pk}:withdrawn").count() == 1


@pytest.mark.parametrize(("decision", "state"), [("accept", S.CONFIRMED), ("decline", S.DECLINED)])
def test_student_answers_an_offer_from_the_dashboard(client, decision, state):
    application = CompleteApplicationFactory(state=S.OFFERED, offer_expires_at=timezone.now() + timedelta(days=2))
    client.force_login(application.student)
    dashboard = text(client.get(reverse("dashboard")))
    assert "Accept the place" in dashboard and "Accept or decline by" in dashboard
    client.post(reverse("application_respond", args=[application.pk]), {"decision": decision})
    application.refresh_from_db()
    assert application.state == state


def test_an_expired_offer_cannot_be_accepted(client):
    application = CompleteApplicationFactory(state=S.OFFERED, offer_expires_at=timezone.now() - timedelta(hours=1))
    client.force_login(application.student)
    page = text(client.post(reverse("application_respond", args=[application.pk]), {"decision": "accept"}, follow=True))
    assert "This offer expired on" in page
    application.refresh_from_db()
    assert application.state == S.OFFERED
