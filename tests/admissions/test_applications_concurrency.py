"""Ten submits of one application at once on PostgreSQL: one submission, one receipt, no 500."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import ApplicationEvent
from programmes.admissions.models import ApplicationState as S
from tests.factories_applications import CompleteApplicationFactory, private_media_fixture  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_media")]


def test_ten_concurrent_submits_make_one_submission():
    application = CompleteApplicationFactory()
    url = reverse("application_submit", args=[application.pk])
    barrier = threading.Barrier(10)
    statuses = []

    def submit():
        client = Client()
        client.force_login(application.student)
        try:
            barrier.wait()
            statuses.append(client.post(url).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * 10
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    assert ApplicationEvent.objects.filter(application=application, to_state=S.SUBMITTED).count() == 1
    assert OutboxMessage.objects.filter(key=f"decision:{application.pk}:submitted").count() == 1
