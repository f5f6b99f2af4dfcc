from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ftl_portal.outbox.models import OutboxMessage
from programmes.completion.models import Certificate
from programmes.impact import services
from programmes.impact.models import Destination, FollowUpConsent, FollowUpSurvey, Region
from programmes.impact.tokens import follow_up_token
from tests.factories import PathwayFactory, StudentFactory
from tests.factories_impact import finished_cohort

pytestmark = pytest.mark.django_db

ENDED = date(2026, 5, 29)


def at(day):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=9))


def consenting_graduate(cohort=None):
    cohort = cohort or finished_cohort(ends_on=ENDED)
    student = StudentFactory()
    Certificate.objects.create(participant=student, cohort=cohort)
    services.give_consent(participant=student, cohort=cohort, now=at(ENDED))
    return student, cohort


def follow_up_emails(student):
    return list(OutboxMessage.objects.filter(to=student.email, key__startswith="follow-up:").order_by("id"))


def test_the_6_and_12_month_surveys_go_when_due_and_once(run_on_commit):
    student, cohort = consenting_graduate()

    assert services.send_due_follow_ups(now=at(date(2026, 11, 28))) == 0
    with run_on_commit():
        assert services.send_due_follow_ups(now=at(date(2026, 11, 29))) == 1
    assert services.send_due_follow_ups(now=at(date(2026, 12, 15))) == 0
    assert services.send_due_follow_ups(now=at(date(2027, 5, 28))) == 0
    assert services.send_due_follow_ups(now=at(date(2027, 5, 29))) == 1
    assert services.send_due_follow_ups(now=at(date(2027, 6, 1))) == 0

    emails = follow_up_emails(student)
    assert [m.key for m in emails] == [
        f"follow-up:{student.pk}:{cohort.pk}:6",
        f"follow-up:{student.pk}:{cohort.pk}:12",
    ]
    survey = FollowUpSurvey.objects.get(participant=student, months=6)
    assert reverse("impact:follow_up", args=[follow_up_token(survey)]) in emails[0].body_text
    assert "/withdraw/" in emails[0].body_text


def test_a_consent_given_late_gets_only_the_survey_now_due():
    student, cohort = consenting_graduate()
    services.send_due_follow_ups(now=at(date(2027, 6, 15)))
    assert list(FollowUpSurvey.objects.values_list("months", flat=True)) == [12]


@pytest.mark.parametrize(
    "stop",
    [
        lambda s, c: services.withdraw_consent(participant=s, cohort=c),
        lambda s, c: type(s).objects.filter(pk=s.pk).update(is_active=False),
        lambda s, c: Certificate.objects.filter(participant=s).update(revoked_at=timezone.now()),
    ],
    ids=["consent withdrawn", "data erased", "certificate revoked"],
)
def test_nothing_more_is_sent_after_consent_ends(stop):
    student, cohort = consenting_graduate()
    services.send_due_follow_ups(now=at(date(2026, 12, 1)))
    stop(student, cohort)

    services.send_due_follow_ups(now=at(date(2027, 6, 1)))

    assert [m.key[-2:] for m in follow_up_emails(student)] == [":6"]


def test_the_link_in_the_email_withdraws_without_signing_in(client):
    student, cohort = consenting_graduate()
    services.send_due_follow_ups(now=at(date(2026, 12, 1)))
    token = follow_up_token(FollowUpSurvey.objects.get())

    assert "Stop them" in client.get(reverse("impact:withdraw", args=[token])).content.decode()
    client.post(reverse("impact:withdraw", args=[token]))

    assert FollowUpConsent.objects.get(participant=student).withdrawn_at is not None


def test_the_survey_records_one_answer_and_a_second_post_changes_nothing(client):
    student, cohort = consenting_graduate()
    services.send_due_follow_ups(now=at(date(2026, 12, 1)))
    survey = FollowUpSurvey.objects.get()
    url = reverse("impact:follow_up", args=[follow_up_token(survey)])
    pathway = PathwayFactory(name="Regulatory affairs")

    assert "What are you doing now?" in client.get(url).content.decode()
    client.post(
        url,
        {"destination": Destination.LIFE_SCIENCES, "region": Region.EAST_MIDLANDS, "role": "QA", "pathway": pathway.pk},
    )
    response = client.post(url, {"destination": Destination.OTHER, "region": Region.OUTSIDE_UK}, follow=True)

    survey.refresh_from_db()
    assert (survey.destination, survey.region, survey.role, survey.pathway) == (
        Destination.LIFE_SCIENCES,
        Region.EAST_MIDLANDS,
        "QA",
        pathway,
    )
    assert "your answer was recorded" in response.content.decode()
    with pytest.raises(services.AlreadyAnswered):
        services.answer_follow_up(survey_id=survey.pk, destination=Destination.OTHER, region=Region.OUTSIDE_UK)


def test_an_unanswered_form_says_what_is_missing(client):
    consenting_graduate()
    services.send_due_follow_ups(now=at(date(2026, 12, 1)))
    url = reverse("impact:follow_up", args=[follow_up_token(FollowUpSurvey.objects.get())])

    response = client.post(url, {"region": "mars"})

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert FollowUpSurvey.objects.get().answered_at is None


@pytest.mark.parametrize("token", ["forged", "eyJzdXJ2ZXkiOjF9:1abc:bad-signature"])
def test_a_forged_link_is_a_404(client, token):
    assert client.get(reverse("impact:follow_up", args=[token])).status_code == 404
    assert client.post(reverse("impact:withdraw", args=[token])).status_code == 404


def test_the_dashboard_asks_a_certified_participant_for_consent(client):
    cohort = finished_cohort()
    student = StudentFactory()
    Certificate.objects.create(participant=student, cohort=cohort)
    client.force_login(student)

    assert "May we email you 6 and 12 months" in client.get(reverse("dashboard")).content.decode()
    client.post(reverse("impact:consent", args=[cohort.pk]), {"answer": "yes"})
    assert FollowUpConsent.objects.get(participant=student).is_active
    assert "Stop the follow-up emails" in client.get(reverse("dashboard")).content.decode()
    client.post(reverse("impact:consent", args=[cohort.pk]), {"answer": "no"})
    assert not FollowUpConsent.objects.get(participant=student).is_active


def test_consent_needs_a_certificate_of_ones_own(client):
    cohort = finished_cohort()
    client.force_login(StudentFactory())
    assert client.post(reverse("impact:consent", args=[cohort.pk]), {"answer": "yes"}).status_code == 404
    with pytest.raises(services.NoCertificate):
        services.give_consent(participant=StudentFactory(), cohort=cohort)


def test_beat_runs_the_scan(settings):
    from programmes.impact.tasks import follow_up_scan

    assert settings.CELERY_BEAT_SCHEDULE["follow-up-scan"]["task"] == follow_up_scan.name
    consenting_graduate(finished_cohort(ends_on=date(2020, 1, 1)))  # long past every survey window
    assert follow_up_scan.delay().get() == 0


def test_a_persons_follow_up_rows_are_exported_and_erased():
    from ftl_portal.privacy import entry_for

    student, cohort = consenting_graduate()
    services.send_due_follow_ups(now=at(date(2026, 12, 1)))
    entry = entry_for(FollowUpSurvey)

    exported = [entry.export(row) for row in entry.rows(student)]

    assert exported[0]["months"] == 6 and exported[0]["answered_at"] is None
    assert entry.erase == "delete" and entry_for(FollowUpConsent).rows(student).count() == 1
