"""Service email (sign-in codes, booking confirmations) is not held up behind a recruitment
campaign: a real worker on the real broker takes campaign batches from their own queue, in turn
with the service queue, so a message queued mid-campaign goes out within a batch or two instead
of after every batch already released."""

import pytest
from django.utils import timezone

from ftl_portal.outbox import services as outbox
from programmes.recruitment.models import Prospect, ProspectSource
from programmes.recruitment.services import campaigns as services
from tests.factories_campaigns import CampaignFactory

from .conftest import SAFETY_TIMEOUT

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

RECIPIENTS = 2000
CODE_TO = "student@warwick.ac.uk"


def recipients_of(messages):
    return [message["to"][0] for message in messages]


def test_a_sign_in_code_queued_mid_campaign_is_sent_within_a_batch_or_two(celery_processes, smtp_sink):
    now = timezone.now()
    Prospect.objects.bulk_create(
        [
            Prospect(email=f"p{i}@example.org", first_name=f"P{i}", source=ProspectSource.FORM, confirmed_at=now)
            for i in range(RECIPIENTS)
        ]
    )
    celery_processes.worker(concurrency=2)
    services.start_campaign(campaign=CampaignFactory(rate_per_minute=100_000))
    assert len(smtp_sink.wait_for(100, timeout=SAFETY_TIMEOUT)) >= 100  # sending, with the release's batches queued

    outbox.queue_email(key="sign-in-code:1", to=CODE_TO, subject="Your sign-in code", body="123456")
    # Waits on the code's arrival, not on the whole campaign: a busy machine slows both alike.
    received = smtp_sink.wait_until(lambda messages: CODE_TO in recipients_of(messages), timeout=SAFETY_TIMEOUT)

    recipients = recipients_of(received)
    assert CODE_TO in recipients
    sent_before = recipients.index(CODE_TO)  # campaign messages the sink took first
    print(f"the sign-in code arrived after {sent_before} campaign messages")
    # Queued when about 100 had gone out: at most two batches of 100 per worker process may be ahead.
    assert sent_before <= 100 + 2 * 2 * services.BATCH_SIZE
