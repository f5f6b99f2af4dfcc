"""Every "contact the coordinators" gives the cohort's own contact address (or the programme's)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import ApplicationState as S
from tests.factories import StudentFactory
from tests.factories_applications import CompleteApplicationFactory, private_media_fixture  # noqa: F401
from tests.factories_public import PublicCohortFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


def test_a_student_who_cannot_apply_is_given_the_cohort_s_contact_address(client):
    cohort = PublicCohortFactory(
        contact_email="spring@ftl.test",
        applications_open_at=timezone.now() - timedelta(days=30),
        applications_close_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(StudentFactory())
    page = client.get(reverse("application_start", args=[cohort.slug])).content.decode()
    assert "You cannot apply to this cohort" in page
    assert 'Contact the FTL coordinators at <a class="text-break" href="mailto:spring@ftl.test">' in page


def test_the_withdrawal_email_names_the_cohort_s_contact_address(client):
    cohort = PublicCohortFactory(contact_email="spring@ftl.test")
    application = CompleteApplicationFactory(cohort=cohort, partner=cohort.partners.get(), state=S.SUBMITTED)
    client.force_login(application.student)
    client.post(reverse("application_withdraw", args=[application.pk]), {"reason": ""})
    message = OutboxMessage.objects.get(key=f"decision:{application.pk}:withdrawn")
    assert "contact the programme team at spring@ftl.test" in message.body_text


def test_a_cohort_without_an_address_falls_back_to_the_programme_s(client, settings):
    settings.FTL_CONTACT_EMAIL = "team@ftl.test"
    cohort = PublicCohortFactory(contact_email="")
    application = CompleteApplicationFactory(cohort=cohort, partner=cohort.partners.get(), state=S.SUBMITTED)
    client.force_login(application.student)
    client.post(reverse("application_withdraw", args=[application.pk]), {"reason": ""})
    assert "team@ftl.test" in OutboxMessage.objects.get(key=f"decision:{application.pk}:withdrawn").body_text


def test_the_unsubscribe_page_for_a_broken_link_gives_the_programme_s_address(client, settings):
    settings.FTL_CONTACT_EMAIL = "team@ftl.test"
    page = client.get(reverse("campaigns:unsubscribe", args=["broken"])).content.decode()
    assert 'href="mailto:team@ftl.test"' in page
