import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from programmes.recruitment.emails import unsubscribe_token
from programmes.recruitment.models import ConsentRecord, Prospect, Suppression
from programmes.recruitment.selectors import segment
from programmes.recruitment.services import campaigns as services
from tests.factories import (
    ApplicationFactory,
    CohortFactory,
    CoordinatorFactory,
    PartnerFactory,
    PathwayFactory,
    StudentFactory,
)
from tests.factories_campaigns import CampaignFactory, ProspectFactory

pytestmark = pytest.mark.django_db


def emails(queryset):
    return sorted(queryset.values_list("email", flat=True))


def test_segments_select_by_university_level_pathway_and_not_applied():
    warwick, aru = PartnerFactory(), PartnerFactory()
    regulatory, imaging = PathwayFactory(), PathwayFactory()
    cohort = CohortFactory()
    a = ProspectFactory(partner=warwick, level_of_study="ug", pathways=[regulatory])
    b = ProspectFactory(partner=warwick, level_of_study="pgt", pathways=[imaging])
    c = ProspectFactory(partner=aru, level_of_study="ug", pathways=[regulatory, imaging])
    applied = ProspectFactory(partner=warwick, level_of_study="ug", pathways=[regulatory])
    ApplicationFactory(cohort=cohort, student=StudentFactory(email=applied.email), partner=warwick)

    assert emails(segment(cohort=cohort, partners=[warwick], not_applied=False)) == sorted(
        [a.email, b.email, applied.email]
    )
    assert emails(segment(cohort=cohort, partners=[warwick])) == sorted([a.email, b.email])
    assert emails(segment(cohort=cohort, levels=["ug"])) == sorted([a.email, c.email])
    assert emails(segment(cohort=cohort, pathways=[imaging])) == sorted([b.email, c.email])
    assert emails(segment(cohort=cohort, partners=[aru], levels=["ug"], pathways=[regulatory])) == [c.email]
    assert emails(segment(cohort=CohortFactory(), partners=[warwick])) == sorted([a.email, b.email, applied.email])


def test_consent_and_suppression_are_always_applied():
    keep = ProspectFactory()
    ProspectFactory(confirmed_at=None)
    ProspectFactory(consent_withdrawn_at=timezone.now())
    for reason in ("unsubscribed", "bounced", "complained"):
        Suppression.objects.create(email=ProspectFactory().email, reason=reason)
    assert emails(segment(cohort=CohortFactory())) == [keep.email]


def test_the_live_count_follows_the_segment(client):
    client.force_login(CoordinatorFactory())
    warwick = PartnerFactory()
    ProspectFactory(partner=warwick)
    ProspectFactory()
    cohort = CohortFactory()
    url = reverse("campaigns:audience_count")
    assert ">2</strong> people" in client.get(url, {"cohort": cohort.pk}).content.decode()
    assert ">1</strong> person" in client.get(url, {"cohort": cohort.pk, "partners": [warwick.pk]}).content.decode()


def test_the_live_count_with_no_query_string_counts_everyone_who_may_be_emailed(client):
    client.force_login(CoordinatorFactory())
    ProspectFactory.create_batch(2)
    response = client.get(reverse("campaigns:audience_count"))
    assert response.status_code == 200
    assert ">2</strong> people" in response.content.decode()


def test_register_interest_is_double_opt_in_with_wording_and_time(client, run_on_commit):
    page = client.get(reverse("campaigns:register_interest")).content.decode()
    assert re.search(r'<input type="checkbox" name="consent"(?![^>]*checked)', page)
    response = client.post(reverse("campaigns:register_interest"), {"first_name": "Ada", "email": "ada@example.org"})
    assert "Tick the box" in response.content.decode()
    assert not Prospect.objects.exists()
    with run_on_commit():
        response = client.post(
            reverse("campaigns:register_interest"),
            {"first_name": "Ada", "email": "Ada@Example.org", "consent": "on"},
        )
    assert response.status_code == 302
    prospect = Prospect.objects.get(email="ada@example.org")
    consent = ConsentRecord.objects.get(prospect=prospect)
    assert "email me about new Future Talent Laboratory cohorts" in consent.wording and consent.given_at
    assert prospect.confirmed_at is None
    assert emails(segment(cohort=CohortFactory())) == []

    link = re.search(r"http://testserver(/register-interest/confirm/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 200  # a scanner opening the link confirms nothing
    prospect.refresh_from_db()
    assert prospect.confirmed_at is None
    assert "you are on the list" in client.post(link).content.decode()
    assert emails(segment(cohort=CohortFactory())) == ["ada@example.org"]
    assert client.post(link[:-3] + "xx/").status_code == 400


def test_an_address_too_long_to_keep_is_refused_on_the_page(client):
    long_address = "a" * 64 + "@" + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + "." + "e" * 60 + ".org"  # 312
    response = client.post(
        reverse("campaigns:register_interest"), {"first_name": "Ada", "email": long_address, "consent": "on"}
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 254 characters" in response.content.decode()
    assert not Prospect.objects.exists()


def test_a_student_turns_marketing_consent_on_and_off(client):
    student = StudentFactory(email="sam@uni.ac.uk")
    client.force_login(student)
    assert client.get(reverse("campaigns:email_preferences")).status_code == 200
    client.post(reverse("campaigns:email_preferences"), {"marketing": "on"})
    assert emails(segment(cohort=CohortFactory())) == ["sam@uni.ac.uk"]
    assert ConsentRecord.objects.get(prospect__email="sam@uni.ac.uk").source == "Student account"
    client.post(reverse("campaigns:email_preferences"), {})
    assert emails(segment(cohort=CohortFactory())) == []
    client.force_login(CoordinatorFactory())
    assert client.get(reverse("campaigns:email_preferences")).status_code == 403


def test_one_click_post_unsubscribes_without_session_or_csrf_and_get_only_asks(run_on_commit):
    prospect = ProspectFactory()
    campaign = CampaignFactory()
    with run_on_commit():
        services.start_campaign(campaign=campaign)
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    path = header.strip("<>").replace("http://testserver", "")
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(path)
    assert page.status_code == 200 and "Unsubscribe from FTL recruitment email" in page.content.decode()
    assert not Suppression.objects.exists()
    response = browser.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "You are unsubscribed" in response.content.decode()
    suppression = Suppression.objects.get(email=prospect.email)
    assert suppression.reason == "unsubscribed" and suppression.campaign == campaign
    client = Client()
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert 'Unsubscribed from this campaign</dt><dd class="col-sm-8">1<' in page


def test_a_tampered_unsubscribe_token_gets_a_clear_400_page(client):
    token = unsubscribe_token(email="a@example.org")
    other = unsubscribe_token(email="someone-else@example.org")
    forged = other.split(":", 1)[0] + ":" + token.split(":", 1)[1]  # another person's payload, our signature
    cut = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (cut, "garbage", forged):
        response = client.post(reverse("campaigns:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert not Suppression.objects.exists()


def test_dashboard_panel_and_nav(client):
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("dashboard")).content.decode()
    assert "Recruitment campaigns" in page and reverse("campaigns:list") in page
    client.logout()
    assert reverse("campaigns:register_interest") in client.get("/").content.decode()


def test_registering_again_at_once_does_not_flood_the_inbox(client, run_on_commit):
    data = {"first_name": "Ada", "email": "ada@example.org", "consent": "on"}
    for _ in range(3):
        with run_on_commit():
            client.post(reverse("campaigns:register_interest"), data)
    assert len(mail.outbox) == 1
    assert ConsentRecord.objects.count() == 1


def test_saving_unchanged_email_preferences_records_no_new_consent(client):
    student = StudentFactory(email="kim@uni.ac.uk")
    client.force_login(student)
    for _ in range(3):
        client.post(reverse("campaigns:email_preferences"), {"marketing": "on"})
    consent = ConsentRecord.objects.get(prospect__email="kim@uni.ac.uk")
    for _ in range(3):
        client.post(reverse("campaigns:email_preferences"), {})
    consent.refresh_from_db()
    withdrawn_at = consent.withdrawn_at
    assert withdrawn_at is not None
    client.post(reverse("campaigns:email_preferences"), {})
    consent.refresh_from_db()
    assert consent.withdrawn_at == withdrawn_at  # the withdrawal keeps its first time
    client.post(reverse("campaigns:email_preferences"), {"marketing": "on"})
    assert ConsentRecord.objects.filter(prospect__email="kim@uni.ac.uk").count() == 2  # one per change
