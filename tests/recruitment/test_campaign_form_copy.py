"""The campaign pages' copy: the merge-field help once, and send times in the portal's "UK time" words."""

import pytest
from django.urls import reverse

from tests.factories import CoordinatorFactory
from tests.factories_campaigns import CampaignFactory, ProspectFactory

pytestmark = pytest.mark.django_db


def test_the_merge_field_help_is_printed_once(client):
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("campaigns:create")).content.decode()
    assert page.count("Merge fields:") == 1
    assert "merge fields listed under the text body" in page


def test_the_send_time_says_uk_time_not_a_zone_name(client):
    client.force_login(CoordinatorFactory())
    ProspectFactory()  # someone to send to, so the send form shows
    page = client.get(reverse("campaigns:send", args=[CampaignFactory().pk])).content.decode()
    assert 'name="send_at"' in page
    assert "Europe/London" not in page
    assert "UK time (GMT in winter, BST in summer). Leave empty to send now." in page
