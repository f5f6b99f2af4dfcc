"""The home and cohort pages recruit: everything they say comes from data coordinators edit, and
each page carries Open Graph tags and schema.org JSON-LD that parse."""

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.cohorts.models import CohortStatus, QualificationLevel
from programmes.events.models import SessionKind
from tests.factories import CoordinatorFactory, PartnerFactory, PathwayFactory, StudentFactory
from tests.factories_public import FrequentQuestionFactory, PublicCohortFactory
from tests.factories_sessions import SessionFactory

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collects <meta property=og:*> and the JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.open_graph, self.json_ld, self._in_ld = {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("property", "").startswith("og:"):
            self.open_graph[attrs["property"]] = attrs["content"]
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))


def parsed(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def cohort():
    cohort = PublicCohortFactory(
        name="Spring 2027",
        slug="spring-2027",
        applications_close_at=timezone.now() + timedelta(days=9, hours=2),
        levels_allowed=["ug", "pgt"],
    )
    partner = cohort.partners.get()
    partner.website = "https://uni.example.ac.uk/"
    partner.save()
    return cohort


def test_the_cohort_page_says_everything_from_the_cohort_s_data(client, cohort):
    SessionFactory(cohort=cohort, kind=SessionKind.MENTORING, title="Meet your mentor evening")
    SessionFactory(cohort=cohort, kind=SessionKind.EXPERT_TALK, title="How a device gets its UKCA mark")
    FrequentQuestionFactory(cohort=cohort, question="Does it cost anything?", answer="No, it is free.")
    PathwayFactory(name="Regulatory affairs", roles=["Regulatory affairs officer"], qualification_levels=["4-5"])
    page = client.get(reverse("cohort_detail", args=[cohort.slug])).content.decode()
    assert "This cohort closes in 10 days" in page and (" GMT" in page or " BST" in page)
    # What you get, each with an example from the schedule where one exists.
    assert "An industry mentor for six months." in page and "Meet your mentor evening" in page
    assert "How a device gets its UKCA mark" in page and "Evenings with medtech companies." in page
    # Who may apply, the timeline, pathways, partners, questions and the contact address.
    partner = cohort.partners.get()
    assert f"Students of {partner.name}" in page and "Master&#x27;s (level 7)" in page and "Doctoral" not in page
    for step in ("Apply", "Decisions", "Sessions and mentoring", "Completion and certificate"):
        assert step in page
    assert cohort.programme_ends_on.strftime("%-d %B %Y") in page
    assert "Regulatory affairs officer" in page and "Level 4/5 HTQ route" in page
    assert 'href="https://uni.example.ac.uk/"' in page
    assert "Does it cost anything?" in page and "No, it is free." in page
    assert 'href="mailto:pilot@ftl.test"' in page


def test_an_offer_left_empty_is_left_off_the_page(client, cohort):
    cohort.offer = {"expert_talk": "Talks.", "networking": ""}
    cohort.save()
    page = client.get(reverse("cohort_detail", args=[cohort.slug])).content.decode()
    assert "Expert-led sessions" in page and "Networking</h3>" not in page


def test_a_cohort_without_its_own_contact_gives_the_programme_s(client, cohort, settings):
    settings.FTL_CONTACT_EMAIL = "team@ftl.test"
    cohort.contact_email = ""
    cohort.save()
    assert 'href="mailto:team@ftl.test"' in client.get(reverse("cohort_detail", args=[cohort.slug])).content.decode()


def test_the_cohort_page_s_open_graph_and_json_ld_parse_with_its_dates(client, cohort):
    head = parsed(client.get(reverse("cohort_detail", args=[cohort.slug])))
    assert head.open_graph["og:title"] == "Spring 2027"
    assert head.open_graph["og:url"] == "http://testserver/cohorts/spring-2027/"
    assert head.open_graph["og:description"].startswith("Sessions, insight")
    [program] = head.json_ld
    assert program["@type"] == "EducationalOccupationalProgram" and program["name"] == "Spring 2027"
    assert program["startDate"] == cohort.programme_starts_on.isoformat()
    assert program["endDate"] == cohort.programme_ends_on.isoformat()
    assert program["applicationDeadline"] == cohort.applications_close_at.isoformat()
    assert program["provider"][0]["name"] == cohort.partners.get().name


def test_a_coordinator_s_script_in_the_summary_cannot_end_the_json_ld_block(client, cohort):
    cohort.summary = "</script><script>alert(1)</script>"
    cohort.save()
    response = client.get(reverse("cohort_detail", args=[cohort.slug]))
    assert "<script>alert(1)" not in response.content.decode()
    [program] = parsed(response).json_ld
    assert program["description"] == "alert(1)"  # tags stripped, the text kept


def test_the_home_page_shows_the_open_cohort_with_its_card(client, cohort):
    PublicCohortFactory(status=CohortStatus.DRAFT, name="Secret draft")
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert "Spring 2027" in page and "closes in 10 days" in page and "Secret draft" not in page
    assert "An industry mentor for six months." in page and 'href="mailto:pilot@ftl.test"' in page
    head = parsed(response)
    assert head.open_graph["og:url"].endswith("/cohorts/spring-2027/")
    assert head.json_ld[0]["name"] == "Spring 2027"


def test_the_home_page_without_an_open_cohort_still_invites_interest(client):
    PublicCohortFactory(status=CohortStatus.DRAFT)
    response = client.get(reverse("home"))
    assert response.status_code == 200 and "Register interest" in response.content.decode()
    assert parsed(response).json_ld == []


def test_a_draft_cohort_s_page_is_a_preview_for_coordinators_and_a_404_for_others(client, cohort):
    cohort.status = CohortStatus.DRAFT
    cohort.save()
    url = reverse("cohort_detail", args=[cohort.slug])
    assert client.get(url).status_code == 404
    client.force_login(StudentFactory())
    assert client.get(url).status_code == 404
    client.force_login(CoordinatorFactory())
    response = client.get(url)
    assert response.status_code == 200 and "Preview: this cohort is a draft" in response.content.decode()


def test_the_set_up_list_offers_a_preview_of_a_draft_and_the_public_page_of_a_live_cohort(client, cohort):
    PublicCohortFactory(status=CohortStatus.DRAFT, name="Autumn draft")
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("setup_index")).content.decode()
    assert 'Preview public page<span class="visually-hidden"> of Autumn draft' in page
    assert 'Public page<span class="visually-hidden"> of Spring 2027' in page


@pytest.mark.parametrize("n", [1, 8])
def test_the_cohort_page_reads_in_the_same_number_of_queries_for_1_and_many_rows(client, django_assert_num_queries, n):
    cohort = PublicCohortFactory(slug=f"flat-{n}")
    for _ in range(n):
        FrequentQuestionFactory(cohort=cohort)
        PathwayFactory(qualification_levels=[QualificationLevel.LEVEL_4_5])
        SessionFactory(cohort=cohort, kind=SessionKind.NETWORKING)
        PartnerFactory()
    for url in (reverse("cohort_detail", args=[cohort.slug]), reverse("home")):
        client.get(url)  # warm the session and caches
        with django_assert_num_queries(QUERIES_FOR_COHORT_PAGE):
            assert "closes in" in client.get(url).content.decode()


QUERIES_FOR_COHORT_PAGE = 5  # cohort, its partners, its questions, the pathways, the schedule's examples


def test_the_example_of_each_kind_is_the_cohort_s_first_scheduled_session_of_that_kind(client, cohort):
    soon = timezone.now() + timedelta(days=3)
    SessionFactory(
        cohort=cohort, kind=SessionKind.NETWORKING, title="Later evening", starts_at=soon + timedelta(days=9)
    )
    SessionFactory(cohort=cohort, kind=SessionKind.NETWORKING, title="First evening", starts_at=soon)
    SessionFactory(cohort=cohort, kind=SessionKind.NETWORKING, title="Cancelled", starts_at=soon, status="cancelled")
    SessionFactory(kind=SessionKind.NETWORKING, title="Another cohort's", starts_at=soon - timedelta(days=1))
    page = client.get(reverse("cohort_detail", args=[cohort.slug])).content.decode()
    assert "First evening" in page
    assert "Later evening" not in page and "Cancelled" not in page and "Another cohort" not in page
