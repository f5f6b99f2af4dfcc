import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.core.mail.backends import locmem
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox import services as outbox_services
from ftl_portal.outbox.models import MessageStatus, OutboxMessage
from programmes.admissions.models.applications import CAMPAIGN_REF_SESSION_KEY
from programmes.recruitment.models import CampaignRecipient, CampaignStatus, Suppression
from programmes.recruitment.services import campaigns as services
from programmes.recruitment.services import prospects
from programmes.recruitment.services.merge_fields import merge_field_errors
from tests.factories import ApplicationFactory, CoordinatorFactory, StudentFactory
from tests.factories_campaigns import CampaignFactory, ProspectFactory

pytestmark = pytest.mark.django_db


def send_all(campaign, run_on_commit):
    with run_on_commit():
        services.start_campaign(campaign=campaign)
    for _ in range(5):
        with run_on_commit():
            services.tick(now=timezone.now() + timedelta(minutes=5))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi {{ surname }}", "“{{ surname }}” is not a merge field"),
        ("Hi {{ first_name }", "written wrongly"),
        ("Hi {first_name}", "written wrongly near “{first_name}”"),
        ("Hi {% if x %}", "written wrongly"),
        ("Hi {{first name}}", "written wrongly"),
    ],
)
def test_unknown_or_malformed_merge_fields_are_errors(text, expected):
    errors = merge_field_errors(text, where="Text body")
    assert errors and expected in errors[0]


def test_valid_merge_fields_pass_in_any_spacing():
    assert merge_field_errors("{{first_name}} {{ cohort }} {{  deadline }} {{ apply_link }}", where="x") == []


def test_a_campaign_with_a_bad_merge_field_cannot_be_saved_or_sent(client):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    campaign = CampaignFactory(body_text="Dear {{ frist_name }}")
    with pytest.raises(ValidationError):
        services.start_campaign(campaign=campaign)
    response = client.post(
        reverse("campaigns:create"),
        {
            "name": "Bad",
            "cohort": campaign.cohort.pk,
            "subject": "Hi {{ first_name }",
            "body_text": "<img src=x>",
            "body_html": '<p><img src="https://tracker/p.gif"></p>',
            "rate_per_minute": 60,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "written wrongly" in page
    assert "not allowed" in page
    assert campaign.recipients.count() == 0


def test_sent_messages_carry_merge_fields_rfc8058_headers_a_footer_and_no_pixels(run_on_commit):
    prospect = ProspectFactory(first_name="Ada")
    campaign = CampaignFactory()
    send_all(campaign, run_on_commit)
    [message] = mail.outbox
    assert message.to == [prospect.email]
    assert message.subject == f"Applications open for {campaign.cohort.name}"
    assert "Hello Ada," in message.body
    assert ("GMT" in message.body) or ("BST" in message.body)
    recipient = CampaignRecipient.objects.get(campaign=campaign)
    assert f"http://testserver/r/{recipient.ref}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/unsubscribe/")
    assert "Sent by Medilink Midlands" in message.body and "because you asked" in message.body
    html = message.alternatives[0][0]
    assert "<img" not in html and 'href="http://testserver/r/' in html
    row = OutboxMessage.objects.get(key=f"campaign:{campaign.pk}:{recipient.pk}")
    assert row.kind == "marketing" and row.status == MessageStatus.SENT
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.FINISHED


def test_merge_fields_are_escaped_in_html_only_and_every_occurrence_is_filled(run_on_commit):
    ProspectFactory(first_name='<b>Zoë & "Al"</b>')
    campaign = CampaignFactory(
        subject="{{ first_name }}, {{first_name}}: {{ cohort }}",
        body_html="<p>Hi {{ first_name }} ({{ first_name }})</p>",
    )
    send_all(campaign, run_on_commit)
    [message] = mail.outbox
    assert message.subject == f'<b>Zoë & "Al"</b>, <b>Zoë & "Al"</b>: {campaign.cohort.name}'
    assert 'Hello <b>Zoë & "Al"</b>,' in message.body
    html = message.alternatives[0][0]
    assert "<p>Hi &lt;b&gt;Zoë &amp; &quot;Al&quot;&lt;/b&gt; (&lt;b&gt;Zoë &amp; &quot;Al&quot;&lt;/b&gt;)</p>" in html
    assert "<b>Zoë" not in html


def test_the_unsubscribe_link_carries_the_token_signing_makes_for_the_recipient(run_on_commit):
    prospect = ProspectFactory()
    campaign = CampaignFactory()
    send_all(campaign, run_on_commit)
    [message] = mail.outbox
    token = message.extra_headers["List-Unsubscribe"].rsplit("/unsubscribe/", 1)[1].split("/")[0]
    assert signing.loads(token, salt="programmes.campaigns.unsubscribe") == {
        "e": prospect.email,
        "l": "ftl-recruitment",
        "c": campaign.pk,
    }


def test_nobody_is_emailed_twice_by_a_rerun_or_a_repeated_release(run_on_commit):
    ProspectFactory.create_batch(3)
    campaign = CampaignFactory()
    send_all(campaign, run_on_commit)
    with pytest.raises(ValidationError):
        services.start_campaign(campaign=campaign)
    CampaignRecipient.objects.filter(campaign=campaign).update(status="pending")
    with run_on_commit():
        services.tick(now=timezone.now() + timedelta(minutes=10))
    assert len(mail.outbox) == 3
    assert CampaignRecipient.objects.filter(campaign=campaign).count() == 3


def test_unconfirmed_withdrawn_and_suppressed_people_get_nothing(run_on_commit):
    keep = ProspectFactory()
    ProspectFactory(confirmed_at=None)
    ProspectFactory(consent_withdrawn_at=timezone.now())
    bounced = ProspectFactory()
    Suppression.objects.create(email=bounced.email, reason="bounced")
    send_all(CampaignFactory(), run_on_commit)
    assert [m.to for m in mail.outbox] == [[keep.email]]


def test_a_person_who_unsubscribes_after_release_gets_nothing_more(run_on_commit, django_capture_on_commit_callbacks):
    stays, leaves = ProspectFactory(), ProspectFactory()
    campaign = CampaignFactory()
    services.start_campaign(campaign=campaign)
    with django_capture_on_commit_callbacks() as callbacks:  # released, delivery not yet run
        services.release(campaign_id=campaign.pk, now=timezone.now() + timedelta(minutes=1))
    from programmes.recruitment.emails import unsubscribe_token

    prospects.unsubscribe(token=unsubscribe_token(email=leaves.email, campaign_id=campaign.pk))
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[stays.email]]
    assert OutboxMessage.objects.get(to=leaves.email).status == MessageStatus.CANCELLED


def test_the_rate_limit_holds_within_any_minute():
    ProspectFactory.create_batch(30)
    campaign = CampaignFactory(rate_per_minute=12)
    services.start_campaign(campaign=campaign)
    start = timezone.now()
    released = [services.release(campaign_id=campaign.pk, now=start + timedelta(seconds=s)) for s in range(0, 60, 5)]
    assert sum(released) == 12
    assert max(released) <= 2  # spread out, not one burst
    assert services.release(campaign_id=campaign.pk, now=start + timedelta(seconds=75)) >= 1


def test_a_backlog_is_released_in_full_chunks_without_waiting_for_the_tick(monkeypatch, run_on_commit):
    monkeypatch.setattr(services, "RELEASE_LIMIT", 2)
    ProspectFactory.create_batch(5)
    with run_on_commit():
        services.start_campaign(campaign=CampaignFactory(rate_per_minute=100_000))
    assert len(mail.outbox) == 5


def test_a_rate_limited_release_waits_for_the_tick(monkeypatch, run_on_commit):
    monkeypatch.setattr(services, "RELEASE_LIMIT", 2)
    ProspectFactory.create_batch(5)
    with run_on_commit():
        services.start_campaign(campaign=CampaignFactory(rate_per_minute=6))
    assert len(mail.outbox) == 1  # a sixth of the minute's quota per tick interval, no chain


def test_pause_holds_released_messages_and_resume_sends_them(run_on_commit, django_capture_on_commit_callbacks):
    ProspectFactory.create_batch(2)
    leaves = ProspectFactory()
    campaign = CampaignFactory()
    services.start_campaign(campaign=campaign)
    with django_capture_on_commit_callbacks() as delivery:  # released, not yet delivered
        services.release(campaign_id=campaign.pk, now=timezone.now() + timedelta(minutes=1))
    services.pause_campaign(campaign=campaign)
    for callback in delivery:
        callback()
    assert outbox_services.sweep(stuck_after=0) == 0  # nothing held is left for the sweeper to send
    assert services.release(campaign_id=campaign.pk) == 0
    assert len(mail.outbox) == 0
    Suppression.objects.create(email=leaves.email, reason="complained")
    with run_on_commit():
        services.resume_campaign(campaign=campaign)
    assert len(mail.outbox) == 2 and leaves.email not in [m.to[0] for m in mail.outbox]
    other = CampaignFactory(cohort=campaign.cohort)
    services.start_campaign(campaign=other)
    services.cancel_campaign(campaign=other)
    assert services.release(campaign_id=other.pk) == 0
    with pytest.raises(ValidationError):
        services.resume_campaign(campaign=other)


def test_a_scheduled_campaign_waits_for_its_time(run_on_commit):
    ProspectFactory()
    campaign = CampaignFactory()
    services.start_campaign(campaign=campaign, send_at=timezone.now() + timedelta(hours=2))
    assert services.tick() == 0
    with run_on_commit():
        services.tick(now=timezone.now() + timedelta(hours=3))
    assert len(mail.outbox) == 1


def test_coordinator_pages_preview_test_send_send_and_progress(client, run_on_commit):
    coordinator = CoordinatorFactory()
    ProspectFactory(first_name="Grace")
    campaign = CampaignFactory()
    client.force_login(coordinator)
    preview = client.get(reverse("campaigns:preview", args=[campaign.pk])).content.decode()
    assert "Hello Grace," in preview
    assert client.get(reverse("campaigns:preview_html", args=[campaign.pk])).status_code == 200
    with run_on_commit():
        client.post(reverse("campaigns:test_send", args=[campaign.pk]))
    assert mail.outbox[-1].to == [coordinator.email] and mail.outbox[-1].subject.startswith("[TEST]")
    confirm = client.get(reverse("campaigns:send", args=[campaign.pk])).content.decode()
    audience = re.search(r'name="audience" value="([0-9a-f]+)"', confirm).group(1)
    with run_on_commit():
        response = client.post(
            reverse("campaigns:send", args=[campaign.pk]), {"send_at": "", "audience": audience}, follow=True
        )
    assert "Sending has started" in response.content.decode()
    progress = client.get(reverse("campaigns:progress", args=[campaign.pk])).content.decode()
    assert 'Sent</dt><dd class="col-sm-8">1<' in progress
    assert client.get(reverse("campaigns:list")).status_code == 200


def test_only_coordinators_see_campaigns(client):
    campaign = CampaignFactory()
    client.force_login(StudentFactory())
    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("campaigns:list")).status_code == 302
    client.force_login(CoordinatorFactory())
    assert client.get(reverse("campaigns:detail", args=[campaign.pk + 999])).status_code == 404


def test_the_apply_link_stores_the_ref_and_results_count_applications(client, run_on_commit):
    prospect = ProspectFactory()
    campaign = CampaignFactory()
    send_all(campaign, run_on_commit)
    ref = CampaignRecipient.objects.get(campaign=campaign).ref
    response = client.get(reverse("campaigns:ref", args=[ref]))
    assert response.status_code == 302
    assert client.session[CAMPAIGN_REF_SESSION_KEY] == ref
    assert client.get(reverse("campaigns:ref", args=["forged"])).status_code == 404
    student = StudentFactory(email=prospect.email)
    ApplicationFactory(cohort=campaign.cohort, student=student, campaign_ref=ref, state="submitted")
    client.force_login(CoordinatorFactory())
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert 'Applications submitted</dt><dd class="col-sm-8">1<' in page


def test_campaign_list_query_count_is_flat(client, django_assert_num_queries):
    client.force_login(CoordinatorFactory())
    url = reverse("campaigns:list")
    CampaignFactory()
    client.get(url)
    with django_assert_num_queries(3) as one:
        client.get(url)
    CampaignFactory.create_batch(49)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


class RefusingBackend(locmem.EmailBackend):
    """An SMTP server that refuses one mailbox outright (a hard bounce)."""

    def send_messages(self, messages):
        if messages[0].to == ["gone@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"gone@example.org": (550, b"No such user")})
        return super().send_messages(messages)


def test_a_refused_recipient_is_suppressed_as_bounced(settings, run_on_commit):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.RefusingBackend"
    ProspectFactory(email="gone@example.org")
    ProspectFactory()
    send_all(CampaignFactory(), run_on_commit)
    assert len(mail.outbox) == 1
    assert Suppression.objects.get(email="gone@example.org").reason == "bounced"
