"""The coordinators' suppression list: adding a complaint or a late bounce, lifting a bounce, and who
may see the list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ftl_portal.outbox.models import MessageKind, MessageStatus
from programmes.recruitment.models import Suppression, SuppressionReason
from programmes.recruitment.selectors import segment
from tests.factories import CohortFactory, CoordinatorFactory, StaffFactory, StudentFactory
from tests.factories_campaigns import CampaignFactory, ProspectFactory
from tests.factories_outbox import OutboxMessageFactory

pytestmark = pytest.mark.django_db

URL = "/campaigns/suppressions/"


@pytest.fixture
def coordinator_client(client):
    client.force_login(CoordinatorFactory())
    return client


def queued_marketing(to):
    return OutboxMessageFactory(to=to, kind=MessageKind.MARKETING, status=MessageStatus.QUEUED)


def test_a_reported_complaint_stops_queued_email_withdraws_consent_and_shows_on_the_list(coordinator_client):
    prospect = ProspectFactory(email="rosalind@example.org")
    queued = queued_marketing(prospect.email)

    response = coordinator_client.post(URL, {"email": " Rosalind@Example.org ", "reason": "complained"}, follow=True)

    assert "rosalind@example.org is suppressed (complained): no marketing email goes to it." in response.text
    assert '<th scope="row">rosalind@example.org</th><td>Complained</td>' in response.text
    queued.refresh_from_db()
    assert (queued.status, queued.last_error) == (MessageStatus.CANCELLED, "Consent withdrawn before sending.")
    prospect.refresh_from_db()
    assert prospect.consent_withdrawn_at is not None
    assert prospect.consents.get().withdrawn_at is not None
    assert not segment(cohort=CohortFactory()).filter(email=prospect.email).exists()


def test_a_late_bounce_stops_queued_email_but_is_no_withdrawal_and_can_be_lifted(coordinator_client):
    prospect = ProspectFactory()
    queued = queued_marketing(prospect.email)

    coordinator_client.post(URL, {"email": prospect.email, "reason": "bounced"})

    queued.refresh_from_db()
    assert (queued.status, queued.last_error) == (MessageStatus.CANCELLED, "Address bounced before sending.")
    prospect.refresh_from_db()
    assert prospect.consent_withdrawn_at is None
    assert not segment(cohort=CohortFactory()).filter(email=prospect.email).exists()
    page = coordinator_client.get(URL).text
    assert f"Lift the suppression of {prospect.email}" in page

    suppression = Suppression.objects.get(email=prospect.email)
    response = coordinator_client.post(reverse("campaigns:suppression_lift", args=[suppression.pk]), follow=True)

    assert f"{prospect.email} is off the list: its consent applies again." in response.text
    assert segment(cohort=CohortFactory()).filter(email=prospect.email).exists()


def test_an_unsubscribe_cannot_be_lifted_by_staff(coordinator_client):
    suppression = Suppression.objects.create(email="left@example.org", reason=SuppressionReason.UNSUBSCRIBED)
    assert "Lift the suppression" not in coordinator_client.get(URL).text

    response = coordinator_client.post(reverse("campaigns:suppression_lift", args=[suppression.pk]), follow=True)

    assert "left@example.org: An unsubscribe ends only when the person asks to be emailed again." in response.text
    assert Suppression.objects.filter(pk=suppression.pk).exists()


def test_a_lifted_complaint_leaves_consent_withdrawn_until_the_person_opts_in_again(coordinator_client):
    prospect = ProspectFactory()
    coordinator_client.post(URL, {"email": prospect.email, "reason": "complained"})
    suppression = Suppression.objects.get(email=prospect.email)
    assert f"Lift the suppression of {prospect.email}" in coordinator_client.get(URL).text

    response = coordinator_client.post(reverse("campaigns:suppression_lift", args=[suppression.pk]), follow=True)

    expected = f"{prospect.email} is off the list: its consent stays withdrawn until the person opts in again."
    assert expected in response.text
    assert not Suppression.objects.exists()
    assert not segment(cohort=CohortFactory()).filter(email=prospect.email).exists()


def test_a_later_report_replaces_the_reason_and_says_so(coordinator_client):
    Suppression.objects.create(email="pat@example.org", reason=SuppressionReason.BOUNCED)

    response = coordinator_client.post(URL, {"email": "pat@example.org", "reason": "complained"}, follow=True)
    assert "pat@example.org was suppressed (bounced); now recorded as complained." in response.text
    response = coordinator_client.post(URL, {"email": "pat@example.org", "reason": "complained"}, follow=True)
    assert "pat@example.org was already suppressed (complained)." in response.text
    assert list(Suppression.objects.values_list("email", "reason")) == [("pat@example.org", "complained")]


def test_an_unsubscribe_stays_on_record_when_a_complaint_follows(coordinator_client):
    Suppression.objects.create(email="pat@example.org", reason=SuppressionReason.UNSUBSCRIBED)

    response = coordinator_client.post(URL, {"email": "pat@example.org", "reason": "complained"}, follow=True)

    assert "pat@example.org was already suppressed (unsubscribed)." in response.text
    assert "Lift the suppression of pat@example.org" not in response.text
    assert list(Suppression.objects.values_list("email", "reason")) == [("pat@example.org", "unsubscribed")]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"email": "not-an-address", "reason": "complained"}, "Enter a valid email address."),
        ({"email": "", "reason": "complained"}, "This field is required."),
        ({"email": "pat@example.org", "reason": ""}, "This field is required."),
        ({"email": "pat@example.org", "reason": "angry"}, "Select a valid choice. angry is not one of"),
        ({"email": "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org", "reason": "bounced"}, "at most 254 characters"),
    ],
)
def test_bad_input_is_explained_on_the_page_and_writes_nothing(coordinator_client, data, error):
    response = coordinator_client.post(URL, data)

    assert response.status_code == 200
    assert error in response.text
    assert not Suppression.objects.exists()


def test_the_list_searches_and_filters_by_reason(coordinator_client):
    campaign = CampaignFactory(name="Spring launch")
    Suppression.objects.create(email="ada@example.org", reason=SuppressionReason.UNSUBSCRIBED, campaign=campaign)
    Suppression.objects.create(email="bob@example.org", reason=SuppressionReason.BOUNCED)

    everyone = coordinator_client.get(URL).text
    assert "2 suppressed addresses" in everyone
    assert "Spring launch" in everyone
    by_search = coordinator_client.get(URL, {"q": "ada"}).text
    assert "ada@example.org" in by_search and "bob@example.org" not in by_search
    by_reason = coordinator_client.get(URL, {"reason": "bounced"}).text
    assert "bob@example.org" in by_reason and "ada@example.org" not in by_reason
    nothing = coordinator_client.get(URL, {"q": "zed", "reason": "nonsense"}).text
    assert "No suppressed address matches." in nothing


@pytest.mark.parametrize("user_factory", [StaffFactory, StudentFactory])
def test_only_coordinators_see_or_change_the_list(client, user_factory):
    suppression = Suppression.objects.create(email="bob@example.org", reason=SuppressionReason.BOUNCED)
    client.force_login(user_factory())

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"email": "x@example.org", "reason": "complained"}).status_code == 403
    assert client.post(reverse("campaigns:suppression_lift", args=[suppression.pk])).status_code == 403
    assert list(Suppression.objects.values_list("email", flat=True)) == ["bob@example.org"]


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_lifting_a_suppression_that_does_not_exist_is_a_404(coordinator_client):
    assert coordinator_client.post(reverse("campaigns:suppression_lift", args=[999999])).status_code == 404


def test_the_list_costs_the_same_queries_for_one_row_and_fifty(coordinator_client):
    campaign = CampaignFactory()
    Suppression.objects.create(email="first@example.org", reason=SuppressionReason.BOUNCED, campaign=campaign)
    coordinator_client.get(URL)  # session and user caches warm
    with CaptureQueriesContext(connection) as one:
        coordinator_client.get(URL)
    Suppression.objects.bulk_create(
        Suppression(email=f"s{i}@example.org", reason=SuppressionReason.COMPLAINED, campaign=campaign)
        for i in range(49)
    )
    with CaptureQueriesContext(connection) as fifty:
        assert "50 suppressed addresses" in coordinator_client.get(URL).text
    assert len(fifty) == len(one)
