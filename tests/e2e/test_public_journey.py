"""The public pages recruit, and a share link leads to an attributed application: a coordinator
makes a link for a careers newsletter and copies it; a student follows it, reads the cohort page
(whose Open Graph card and JSON-LD parse), signs up with the emailed code and starts an application
that the funnel counts against the link. axe on every page."""

import json
import re

import pytest
from playwright.sync_api import expect

from programmes.admissions.models import Application
from programmes.events.models import SessionKind
from tests.e2e.browser import sign_in, sign_out
from tests.factories import CoordinatorFactory, PartnerFactory, PathwayFactory
from tests.factories_mentoring import MatchFactory, MentorProfileFactory
from tests.factories_public import FrequentQuestionFactory, PublicCohortFactory
from tests.factories_sessions import BookingFactory, SessionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STUDENT_EMAIL = "nia@newsletter-uni.ac.uk"
STUDENT_PASSWORD = "a-student-pass-905"


@pytest.fixture
def cohort():
    partner = PartnerFactory(name="Newsletter University", slug="newsletter-uni", website="https://uni.example/")
    cohort = PublicCohortFactory(name="Spring 2027", slug="spring-2027", partner=None)
    cohort.cohort_partners.create(partner=partner, quota=10)
    SessionFactory(cohort=cohort, kind=SessionKind.MENTORING, title="Meet your mentor evening")
    FrequentQuestionFactory(cohort=cohort, question="Does it cost anything?", answer="No, it is free.")
    PathwayFactory(name="Regulatory affairs", roles=["Regulatory affairs officer"], qualification_levels=["4-5"])
    return cohort


def make_a_share_link(page, axe_check, cohort):
    sign_in(page, axe_check, CoordinatorFactory().email)
    page.goto("/setup/")
    page.get_by_role("link", name="Share links of Spring 2027").click()
    axe_check(page)
    page.get_by_label("Label").fill("Warwick careers newsletter")
    page.get_by_label("Name in the address").fill("warwick-careers-newsletter")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_text("The share link for Warwick careers newsletter is ready to copy.")).to_be_visible()
    address = page.get_by_label("Address to share").input_value()
    # axe before the click: a button mid-way through its hover transition has no settled contrast.
    axe_check(page)
    page.get_by_role("button", name="Copy address to share").click()
    status = page.locator("#link-warwick-careers-newsletter-status")
    status.filter(has_text=re.compile(r"Copied|Selected")).wait_for()
    sign_out(page)
    return address


def test_a_student_follows_a_share_link_to_an_attributed_application(page, axe_check, cohort):
    page.goto("/")
    axe_check(page)
    expect(page.get_by_role("heading", name="What you get")).to_be_visible()
    expect(page.get_by_text("Meet your mentor evening")).to_be_visible()

    address = make_a_share_link(page, axe_check, cohort)
    page.goto(address)
    page.wait_for_url(re.compile(r"/cohorts/spring-2027/\?via="))
    axe_check(page)
    for heading in ("What you get", "Who can apply", "Timeline", "Career pathways", "Questions", "Partners"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_text(re.compile(r"closes in \d+ days")).first).to_be_visible()
    expect(page.get_by_text("Level 4/5 HTQ route")).to_be_visible()
    page.get_by_text("Does it cost anything?").click()
    expect(page.get_by_text("No, it is free.")).to_be_visible()
    assert page.locator('meta[property="og:title"]').get_attribute("content") == "Spring 2027"
    program = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert program["@type"] == "EducationalOccupationalProgram" and program["startDate"]

    page.get_by_role("link", name="Create an account").click()
    axe_check(page)
    page.get_by_label("Full name").fill("Nia Okafor")
    page.get_by_label("Email").fill(STUDENT_EMAIL)
    page.get_by_label(re.compile(r"^\s*Password\s*\*?\s*$")).fill(STUDENT_PASSWORD)
    page.get_by_label("Password (again)").fill(STUDENT_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    axe_check(page)
    verify_url = page.url
    page.goto(f"/mailbox/?to={STUDENT_EMAIL}")
    page.get_by_role("link", name=re.compile("Confirm", re.I)).first.click()
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", page.get_by_test_id("mail-body").inner_text()).group(1)
    page.goto(verify_url)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url(re.compile(r"/apply/\?via="))
    axe_check(page)
    page.get_by_label("Your level of study").select_option("ug")
    page.get_by_role("button", name="Check and start my application").click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    assert Application.objects.get(student__email=STUDENT_EMAIL).campaign_ref == "link:warwick-careers-newsletter"
    sign_out(page)

    sign_in(page, axe_check, CoordinatorFactory().email)
    page.goto("/reviews/funnel/")
    axe_check(page)
    row = page.get_by_role("row", name=re.compile("Share link “warwick-careers-newsletter”"))
    assert row.get_by_role("cell").first.inner_text() == "1"


def test_coordinators_write_the_public_page_and_mentors_and_students_find_their_way(page, axe_check, cohort):
    sign_in(page, axe_check, CoordinatorFactory().email)
    page.goto("/setup/")
    page.get_by_role("link", name="Public page content of Spring 2027").click()
    axe_check(page)
    page.get_by_label("Contact address").fill("spring@ftl.test")
    page.locator("#id_faq-1-question").fill("Is it online?")
    page.locator("#id_faq-1-answer").fill("Mostly, with three evenings in person.")
    page.get_by_role("button", name="Save the public page").click()
    expect(page.get_by_text("The public page of Spring 2027 is saved.")).to_be_visible()
    page.get_by_role("link", name="See the page").click()
    axe_check(page)
    expect(page.get_by_role("link", name="spring@ftl.test")).to_be_visible()
    page.get_by_text("Is it online?").click()
    expect(page.get_by_text("Mostly, with three evenings in person.")).to_be_visible()
    sign_out(page)

    match = MatchFactory(cohort=cohort, state="active")
    MentorProfileFactory(user=match.mentor)
    sign_in(page, axe_check, match.mentor.email)
    page.get_by_role("link", name="My mentees").click()
    axe_check(page)
    expect(page.get_by_role("link", name=str(match.student))).to_be_visible()
    sign_out(page)

    booking = BookingFactory(session__cohort=cohort)
    sign_in(page, axe_check, booking.participant.email)
    page.goto("/sessions/calendar/")
    page.get_by_role("button", name="Create my calendar address").click()
    copy = page.get_by_role("button", name="Copy your calendar address")
    copy.wait_for()
    axe_check(page)
    copy.click()
    page.locator("#feed-url-status").filter(has_text=re.compile(r"Copied|Selected")).wait_for()
