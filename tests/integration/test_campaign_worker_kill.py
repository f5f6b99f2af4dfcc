"""A 2,000-recipient campaign through a real worker and broker into an SMTP sink, with the worker
SIGKILLed twice mid-send and restarted. Every consenting person gets the message; nobody
suppressed gets one; nothing is lost. A duplicate is possible only for a message in flight at a
kill (SMTP accepted it, the worker died before marking it sent): at most one per worker process
per kill, and the test bounds it so."""

from collections import Counter

import pytest
from django.utils import timezone

from ftl_portal.outbox.models import MessageStatus, OutboxMessage
from programmes.recruitment.models import CampaignStatus, Prospect, ProspectSource, Suppression
from programmes.recruitment.services import campaigns as services
from tests.factories_campaigns import CampaignFactory

from .conftest import SAFETY_TIMEOUT, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CONSENTING = 2000
CONCURRENCY = 4  # as make run and docker-compose start the worker
KILLS = 2


def make_audience():
    now = timezone.now()
    people = [
        Prospect(email=f"p{i}@example.org", first_name=f"P{i}", source=ProspectSource.FORM, confirmed_at=now)
        for i in range(CONSENTING + 40)
    ]
    people += [Prospect(email=f"unconfirmed{i}@example.org", source=ProspectSource.FORM) for i in range(10)]
    Prospect.objects.bulk_create(people)
    suppressed = [f"p{i}@example.org" for i in range(CONSENTING, CONSENTING + 40)]
    Suppression.objects.bulk_create([Suppression(email=e, reason="unsubscribed") for e in suppressed])
    return {f"p{i}@example.org" for i in range(CONSENTING)}


def test_two_sigkills_mid_send_lose_nothing_and_email_nobody_twice_beyond_in_flight(celery_processes, smtp_sink):
    expected = make_audience()
    campaign = CampaignFactory(rate_per_minute=100_000)
    celery_processes.env.update(FTL_CAMPAIGN_TICK_SECONDS="1", FTL_CAMPAIGN_STUCK_AFTER_SECONDS="15")
    celery_processes.beat()
    worker = celery_processes.worker(concurrency=CONCURRENCY)
    services.start_campaign(campaign=campaign)

    for threshold in (300, 1000):
        assert len(smtp_sink.wait_for(threshold, timeout=SAFETY_TIMEOUT)) >= threshold
        celery_processes.kill(worker)
        worker = celery_processes.worker(concurrency=CONCURRENCY)
    assert len(smtp_sink.wait_for(CONSENTING, timeout=SAFETY_TIMEOUT)) >= CONSENTING

    def finished():
        campaign.refresh_from_db()
        return campaign.status == CampaignStatus.FINISHED

    assert wait_until(finished), f"campaign still {campaign.status}"
    counts = Counter(m["to"][0] for m in smtp_sink.snapshot())
    assert set(counts) == expected  # everyone consenting, nobody suppressed or unconfirmed
    duplicates = sum(n - 1 for n in counts.values())
    print(f"{len(counts)} people, {duplicates} duplicate(s) from messages in flight at {KILLS} kills")
    assert duplicates <= KILLS * CONCURRENCY
    statuses = Counter(OutboxMessage.objects.filter(source=campaign.source).values_list("status", flat=True))
    assert statuses == {MessageStatus.SENT: CONSENTING}
    message = smtp_sink.snapshot()[0]["message"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
