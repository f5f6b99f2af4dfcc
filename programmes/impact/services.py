"""Writes for follow-up: consent given or withdrawn, the scan that sends the 6- and 12-month
surveys when due, and a survey's one answer."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ftl_portal.errors import PortalError
from programmes.completion.models import Certificate
from programmes.impact import emails
from programmes.impact.models import FOLLOW_UP_MONTHS, FollowUpConsent, FollowUpSurvey

# A survey point is sent while it is the latest one due, and not later than this after it fell due,
# so a consent given years later does not start a stream of stale surveys.
SEND_WINDOW_MONTHS = 6


class NoCertificate(PortalError):
    pass


class AlreadyAnswered(PortalError):
    pass


def give_consent(*, participant, cohort, now=None):
    now = now or timezone.now()
    if not Certificate.objects.filter(participant=participant, cohort=cohort, revoked_at__isnull=True).exists():
        raise NoCertificate("Follow-up is for participants who completed the programme.")
    consent, created = FollowUpConsent.objects.get_or_create(
        participant=participant, cohort=cohort, defaults={"consented_at": now}
    )
    if not created and consent.withdrawn_at:
        consent.consented_at, consent.withdrawn_at = now, None
        consent.save(update_fields=["consented_at", "withdrawn_at"])
    return consent


def withdraw_consent(*, participant, cohort, now=None):
    """Recorded even if consent was never given, so the dashboard stops asking."""
    now = now or timezone.now()
    consent, created = FollowUpConsent.objects.get_or_create(
        participant=participant, cohort=cohort, defaults={"consented_at": now, "withdrawn_at": now}
    )
    if not created and consent.withdrawn_at is None:
        consent.withdrawn_at = now
        consent.save(update_fields=["withdrawn_at"])
    return consent


def _due_consents(*, months, today):
    """Active consents of active people with a valid certificate, whose cohort ended between
    `months` and the next survey point (or the send window) ago, not yet sent this point."""
    latest_end = today - relativedelta(months=months)
    later_points = [m for m in FOLLOW_UP_MONTHS if m > months]
    window = min(later_points[0] - months, SEND_WINDOW_MONTHS) if later_points else SEND_WINDOW_MONTHS
    earliest_end = today - relativedelta(months=months + window) + timedelta(days=1)
    certified = Certificate.objects.filter(
        participant=OuterRef("participant"), cohort=OuterRef("cohort"), revoked_at__isnull=True
    )
    sent = FollowUpSurvey.objects.filter(participant=OuterRef("participant"), cohort=OuterRef("cohort"), months=months)
    return (
        FollowUpConsent.objects.filter(
            withdrawn_at__isnull=True,
            participant__is_active=True,
            cohort__programme_ends_on__lte=latest_end,
            cohort__programme_ends_on__gte=earliest_end,
        )
        .filter(Exists(certified))
        .exclude(Exists(sent))
        .select_related("participant", "cohort")
    )


def send_due_follow_ups(*, now=None):
    """Beat's scan: each due survey gets its row and one email (key follow-up:{participant}:{cohort}:{months})."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for months in FOLLOW_UP_MONTHS:
        for consent in _due_consents(months=months, today=today):
            try:
                with transaction.atomic():
                    survey = FollowUpSurvey.objects.create(
                        participant=consent.participant, cohort=consent.cohort, months=months, sent_at=now
                    )
                    emails.queue_follow_up_email(survey)
            except IntegrityError:  # a concurrent scan created it first, and sent its email
                continue
            sent += 1
    return sent


def answer_follow_up(*, survey_id, destination, region, role="", pathway=None, now=None):
    with transaction.atomic():
        survey = FollowUpSurvey.objects.select_for_update().get(pk=survey_id)
        if survey.answered_at:
            raise AlreadyAnswered("This survey has been answered already: thank you.")
        survey.destination, survey.region, survey.role, survey.pathway = destination, region, role, pathway
        survey.answered_at = now or timezone.now()
        survey.save(update_fields=["destination", "region", "role", "pathway", "answered_at"])
    return survey
