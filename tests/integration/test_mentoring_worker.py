"""A real worker runs a matching run while the page polls its progress; publishing then delivers
each introduction email once."""

import pytest
from django.urls import reverse

from ftl_portal.outbox.models import MessageStatus, OutboxMessage
from mentoring.models import Match, MatchRun, RunStatus
from tests.factories import CohortFactory, CoordinatorFactory, PathwayFactory
from tests.factories_mentoring import ConfirmedApplicationFactory, MentorProfileFactory

from .conftest import SAFETY_TIMEOUT, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

RUN_FORM = {
    "objective": "participation",
    "min_score": "0",
    "stay_bonus": "5",
    "w_pathways": "4",
    "w_availability": "2",
    "w_mode": "1",
    "w_seniority": "1",
    "w_sector": "1",
}


def test_worker_runs_matching_and_page_polls_until_done(client, celery_processes, smtp_sink):
    cohort = CohortFactory()
    area = PathwayFactory()
    students = [ConfirmedApplicationFactory(cohort=cohort).student for _ in range(2)]
    mentors = [MentorProfileFactory(pathways=[area]).user for _ in range(2)]
    client.force_login(CoordinatorFactory())
    celery_processes.worker(concurrency=1)

    client.post(reverse("mentoring:cohort", args=[cohort.slug]), RUN_FORM)
    run = MatchRun.objects.get()
    progress_url = reverse("mentoring:run_progress", args=[run.pk])

    def finished():
        response = client.get(progress_url)
        if response.has_header("HX-Refresh"):
            return True
        assert "<progress" in response.content.decode()
        return False

    assert wait_until(finished, interval=0.1)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.result["summary"]["matched"] == 2

    preview = client.get(reverse("mentoring:run_publish", args=[run.pk]))
    client.post(reverse("mentoring:run_publish", args=[run.pk]), {"fingerprint": preview.context["fingerprint"]})
    received = smtp_sink.wait_for(4, timeout=SAFETY_TIMEOUT)
    recipients = sorted(to for m in received for to in m["to"])
    pairs = Match.objects.filter(cohort=cohort).values_list("student__email", "mentor__email")
    assert recipients == sorted(email for pair in pairs for email in pair)
    assert {s.email for s in students} <= set(recipients) and set(recipients) - {s.email for s in students} <= {
        m.email for m in mentors
    }
    # Once the outbox has nothing left to send, nothing more can arrive.
    assert wait_until(lambda: not OutboxMessage.objects.exclude(status=MessageStatus.SENT).exists())
    assert len(smtp_sink.snapshot()) == 4
