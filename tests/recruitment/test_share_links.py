"""Share links: a coordinator makes one per partner or channel; an application started from one is
counted in the funnel and the impact report. The source rides on a signed query parameter: no cookie,
no pixel, and a forged one counts for nothing."""

from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.admissions.attribution import sign_source
from programmes.admissions.models import Application
from programmes.admissions.models.applications import CAMPAIGN_REF_SESSION_KEY
from programmes.recruitment.models import ShareLink
from tests.accounts.test_signup import code_from_outbox
from tests.factories import ApplicationFactory, CohortPartnerFactory, CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_public import PublicCohortFactory, ShareLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return PublicCohortFactory(slug="spring-2027")


@pytest.fixture
def link(cohort):
    return ShareLinkFactory(cohort=cohort, slug="warwick-careers-newsletter", label="Warwick careers newsletter")


def landing(client, link):
    response = client.get(reverse("campaigns:share_link", args=[link.slug]))
    assert response.status_code == 302
    return response["Location"]


def test_a_coordinator_makes_a_share_link_and_gets_its_address_to_copy(client, cohort):
    client.force_login(CoordinatorFactory())
    url = reverse("campaigns:share_links", args=[cohort.pk])
    partner = cohort.partners.get()
    response = client.post(url, {"label": "Newsletter", "slug": "Uni-Newsletter", "partner": partner.pk})
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert (link.slug, link.partner, link.cohort) == ("uni-newsletter", partner, cohort)
    page = client.get(url).content.decode()
    assert 'value="http://testserver/join/uni-newsletter/"' in page
    assert 'data-copy-target="link-uni-newsletter"' in page and "0 applications started, 0 submitted" in page


@pytest.mark.parametrize(
    ("slug", "message"),
    [("warwick-careers-newsletter", "already exists"), ("two words", "Enter a valid “slug”"), ("", "required")],
)
def test_a_bad_or_taken_name_is_refused_on_the_page(client, link, slug, message):
    client.force_login(CoordinatorFactory())
    response = client.post(reverse("campaigns:share_links", args=[link.cohort.pk]), {"label": "Again", "slug": slug})
    assert response.status_code == 200 and message in response.content.decode()
    assert ShareLink.objects.count() == 1


@pytest.mark.parametrize("factory", [StudentFactory, StaffFactory])
def test_only_coordinators_make_share_links(client, cohort, factory):
    client.force_login(factory())
    url = reverse("campaigns:share_links", args=[cohort.pk])
    assert client.get(url).status_code in (403, 404)
    client.post(url, {"label": "Mine", "slug": "mine"})
    assert not ShareLink.objects.exists()


def test_following_a_link_lands_on_the_cohort_page_with_a_signed_source_and_no_cookie(client, link):
    location = landing(client, link)
    parts = urlsplit(location)
    assert parts.path == "/cohorts/spring-2027/"
    assert parse_qs(parts.query)["via"] == [sign_source("link:warwick-careers-newsletter")]
    assert not client.cookies  # nothing stored on the visitor's machine


def test_an_unknown_link_leads_to_the_open_cohorts(client):
    assert client.get(reverse("campaigns:share_link", args=["no-such-link"]))["Location"] == reverse("cohort_list")


def test_the_cohort_page_passes_the_source_on_through_sign_up_and_sign_in(client, link):
    page = client.get(landing(client, link)).content.decode()
    start = reverse("application_start", args=["spring-2027"]) + "?" + urlencode({"via": sign_source(link.source)})
    hrefs = [unquote(part.split('"')[0]) for part in page.split('href="')[1:]]
    assert f"{reverse('account_signup')}?next={start}" in hrefs
    assert f"{reverse('account_login')}?next={start}" in hrefs


def start_application(client, cohort, via):
    partner = cohort.partners.get()
    student = StudentFactory(email=f"kim@{partner.email_domains[0]}")
    client.force_login(student)
    url = reverse("application_start", args=[cohort.slug]) + (f"?via={via}" if via else "")
    client.post(url, {"partner": partner.pk, "level_of_study": "ug"})
    return Application.objects.get(student=student)


def test_an_application_started_from_a_link_records_it(client, link):
    application = start_application(client, link.cohort, sign_source(link.source))
    assert application.campaign_ref == "link:warwick-careers-newsletter"


def test_a_forged_source_counts_for_nothing_and_a_campaign_email_s_ref_still_does(client, cohort):
    forged = sign_source("link:x")[:-2] + "zz"
    assert start_application(client, cohort, forged).campaign_ref == ""
    other = PublicCohortFactory()
    partner = other.partners.get()
    client.force_login(StudentFactory(email=f"lee@{partner.email_domains[0]}"))
    session = client.session
    session[CAMPAIGN_REF_SESSION_KEY] = "spring-fair"
    session.save()
    client.post(
        reverse("application_start", args=[other.slug]) + f"?via={forged}",
        {"partner": partner.pk, "level_of_study": "ug"},
    )
    assert Application.objects.get(cohort=other).campaign_ref == "spring-fair"


def test_the_funnel_the_impact_report_and_the_link_list_count_the_link_s_applications(client, link):
    cohort = link.cohort
    partner = cohort.partners.get()
    ApplicationFactory(cohort=cohort, partner=partner, campaign_ref=link.source)
    ApplicationFactory(
        cohort=cohort, partner=partner, campaign_ref=link.source, state="submitted", submitted_at=timezone.now()
    )
    ApplicationFactory(cohort=cohort, partner=partner)
    client.force_login(CoordinatorFactory())
    funnel = client.get(reverse("applications_funnel")).content.decode()
    assert (
        'Share link “warwick-careers-newsletter”</th><td class="text-end">2</td><td class="text-end">1</td>' in funnel
    )
    assert 'Directly (no link)</th><td class="text-end">1</td>' in funnel
    report = client.get(reverse("impact:report", args=[cohort.slug])).context["report"]
    assert {"name": "Share link: Warwick careers newsletter", "started": 2, "applied": 1} in report.campaigns
    page = client.get(reverse("campaigns:share_links", args=[cohort.pk])).content.decode()
    assert "2 applications started, 1 submitted" in page


@pytest.mark.parametrize("n", [1, 12])
def test_the_link_list_reads_in_the_same_number_of_queries_for_1_and_many_links(
    client, django_assert_num_queries, cohort, n
):
    for _ in range(n):
        ShareLinkFactory(cohort=cohort)
    client.force_login(CoordinatorFactory())
    url = reverse("campaigns:share_links", args=[cohort.pk])
    client.get(url)
    with django_assert_num_queries(QUERIES_FOR_LINK_LIST):
        client.get(url)


QUERIES_FOR_LINK_LIST = 5  # session, user, cohort, the links with their counts, the partner choices


def test_the_source_survives_sign_up_with_the_emailed_code(client, link):
    partner = link.cohort.partners.get()
    email = f"new@{partner.email_domains[0]}"
    start = reverse("application_start", args=[link.cohort.slug]) + "?" + urlencode({"via": sign_source(link.source)})
    response = client.post(
        reverse("account_signup") + "?" + urlencode({"next": start}),
        {
            "full_name": "Nia",
            "email": email,
            "password1": "a-long-pass-123",
            "password2": "a-long-pass-123",
            "next": start,
        },
    )
    response = client.post(response["Location"], {"code": code_from_outbox(email)})
    assert response["Location"] == start
    client.post(start, {"partner": partner.pk, "level_of_study": "ug"})
    assert Application.objects.get(student__email=email).campaign_ref == link.source


def test_staff_see_only_their_own_university_s_sources_in_the_funnel(client, link):
    cohort = link.cohort
    own = cohort.partners.get()
    other = CohortPartnerFactory(cohort=cohort).partner
    ApplicationFactory(cohort=cohort, partner=own, campaign_ref=link.source)
    ApplicationFactory(cohort=cohort, partner=other, campaign_ref="link:other-university-newsletter")
    client.force_login(StaffFactory(partner=own))
    page = client.get(reverse("applications_funnel")).content.decode()
    assert "Share link “warwick-careers-newsletter”" in page
    assert "other-university-newsletter" not in page
