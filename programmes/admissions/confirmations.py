"""The confirmation page of a release (ftl_portal/confirmation.py): whom it reaches, with
university, decision and score, and the email each person will get, rendered but not queued."""

from datetime import timedelta

from django.utils import timezone

from ftl_portal.confirmation import Confirmation
from programmes.admissions.emails import render_state_email
from programmes.admissions.identity import applicant_of
from programmes.admissions.models import Decision
from programmes.admissions.selectors.releases import (
    release_audience,
    score_label,
    staged_for,
    with_figures,
)

RELEASE_COLUMNS = ["Applicant", "University", "Decision", "Score (reviews)"]


def _as_released(application, decision, now):
    """The application as its email will see it once released: an offer has its reply-by date
    (set_state sets it on release; here it is only in memory, nothing is saved)."""
    if decision == Decision.OFFER:
        application.offer_expires_at = now + timedelta(days=application.cohort.offer_response_days)
    return application


def release_confirmation(*, user, cohort_partner, now=None):
    """Emails to applicants the reader may not name (a blind pass) are counted but not shown."""
    now = now or timezone.now()
    staged = with_figures(staged_for(cohort_partner=cohort_partner), user=user)
    rows = [
        [
            applicant_of(i.application),
            i.application.partner.name,
            i.get_decision_display(),
            score_label(i.application),
        ]
        for i in staged
    ]
    emails = [
        render_state_email(application=_as_released(i.application, i.decision, now), state=i.decision)
        for i in staged
        if i.application.show_name
    ]
    return Confirmation(
        columns=RELEASE_COLUMNS, rows=rows, emails=emails, audience=release_audience(staged), email_count=len(staged)
    )
