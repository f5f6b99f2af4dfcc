"""Sending a campaign asks first: whom it reaches (count and list) and the email the first of them
gets; the confirmation's fingerprint stops a send whose audience changed, and a second post sends
nothing more."""

import re

import pytest
from django.urls import reverse

from programmes.recruitment.models import CampaignRecipient, CampaignStatus
from tests.factories import CoordinatorFactory, StaffFactory
from tests.factories_campaigns import CampaignFactory, ProspectFactory

pytestmark = pytest.mark.django_db


def confirmation(client, campaign):
    response = client.get(reverse("campaigns:send", args=[campaign.pk]))
    assert response.status_code == 200
    return response.content.decode()


def fingerprint_in(page):
    return re.search(r'name="audience" value="([0-9a-f]+)"', page).group(1)


def test_the_detail_page_links_to_the_confirmation_instead_of_sending(client):
    campaign = CampaignFactory()
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert f'href="{reverse("campaigns:send", args=[campaign.pk])}">Review and send</a>' in page


def test_the_confirmation_lists_recipients_and_one_example_and_starts_nothing(client):
    ProspectFactory(first_name="Grace", last_name="Hopper", email="grace@example.org")
    ProspectFactory(first_name="Alan", last_name="Turing", email="alan@example.org")
    campaign = CampaignFactory()
    client.force_login(CoordinatorFactory())
    page = confirmation(client, campaign)
    assert "2 emails will go" in page and "Send to 2 people" in page
    assert "Grace Hopper" in page and "grace@example.org" in page and "Alan Turing" in page
    assert page.count("<details open") == 1 and "Hello Alan," in page  # the first by address
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT and not CampaignRecipient.objects.exists()


def test_confirming_starts_once_and_a_second_post_sends_nothing_more(client, run_on_commit):
    ProspectFactory()
    campaign = CampaignFactory()
    client.force_login(CoordinatorFactory())
    posted = {"send_at": "", "audience": fingerprint_in(confirmation(client, campaign))}
    with run_on_commit():
        first = client.post(reverse("campaigns:send", args=[campaign.pk]), posted, follow=True)
    assert "Sending has started" in first.content.decode()
    with run_on_commit():
        second = client.post(reverse("campaigns:send", args=[campaign.pk]), posted, follow=True)
    assert "already been started" in second.content.decode()
    assert CampaignRecipient.objects.count() == 1


def test_an_audience_changed_since_the_preview_starts_nothing_and_says_so(client):
    ProspectFactory()
    campaign = CampaignFactory()
    client.force_login(CoordinatorFactory())
    posted = {"send_at": "", "audience": fingerprint_in(confirmation(client, campaign))}
    ProspectFactory(first_name="Newcomer")
    page = client.post(reverse("campaigns:send", args=[campaign.pk]), posted).content.decode()
    assert "The list changed since you opened this confirmation, so nothing was sent." in page
    assert "Newcomer" in page and "Send to 2 people" in page
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT and not CampaignRecipient.objects.exists()


def test_a_long_audience_is_counted_in_full_and_listed_in_part(client, settings, monkeypatch):
    monkeypatch.setattr("programmes.recruitment.emails.CONFIRMATION_ROWS", 2)
    ProspectFactory.create_batch(5)
    campaign = CampaignFactory()
    client.force_login(CoordinatorFactory())
    page = confirmation(client, campaign)
    assert "5 emails will go" in page and "… and 3 more, not listed here." in page


def test_bad_schedule_input_is_shown_on_the_confirmation(client):
    ProspectFactory()
    campaign = CampaignFactory()
    client.force_login(CoordinatorFactory())
    posted = {"send_at": "2001-01-01T10:00", "audience": fingerprint_in(confirmation(client, campaign))}
    page = client.post(reverse("campaigns:send", args=[campaign.pk]), posted).content.decode()
    assert "That time has passed." in page and not CampaignRecipient.objects.exists()


def test_only_coordinators_open_the_confirmation(client):
    campaign = CampaignFactory()
    client.force_login(StaffFactory())
    assert client.get(reverse("campaigns:send", args=[campaign.pk])).status_code == 403


@pytest.mark.parametrize("rows", [1, 50])
def test_confirmation_query_count_does_not_grow_with_recipients(client, django_assert_num_queries, rows):
    ProspectFactory.create_batch(rows)
    campaign = CampaignFactory()
    client.force_login(CoordinatorFactory())
    confirmation(client, campaign)
    # session, user, campaign, the audience's partners and pathways, the audience
    with django_assert_num_queries(6):
        confirmation(client, campaign)
