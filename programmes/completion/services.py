"""Every write of completion: criteria, self-assessments, certificates (issue, revoke) and the
coordinator's email to a list of participants."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from ftl_portal.confirmation import check_fingerprint
from ftl_portal.errors import PortalError
from programmes.admissions.models import Application, ApplicationState

from . import emails
from .assessment import SCALE
from .models import AssessmentStage, Certificate, CompletionCriteria, SelfAssessment
from .progress import end_stage_opens_on, progress_of


class CompletionRefusal(PortalError):
    pass


def save_criteria(*, cohort, sessions_attended, sessions_by_kind, mentor_meetings, end_survey):
    criteria, _ = CompletionCriteria.objects.update_or_create(
        cohort=cohort,
        defaults={
            "sessions_attended": sessions_attended,
            "sessions_by_kind": {kind: n for kind, n in sessions_by_kind.items() if n},
            "mentor_meetings": mentor_meetings,
            "end_survey": end_survey,
        },
    )
    return criteria


def stage_is_open(*, cohort, stage, now=None):
    if stage == AssessmentStage.START:
        return True
    return timezone.localdate(now or timezone.now()) >= end_stage_opens_on(cohort)


def submit_self_assessment(*, participant, cohort, stage, answers, items, now=None):
    """Record one stage's answers, once. `items` are the keys asked (completion.assessment)."""
    if not Application.objects.filter(student=participant, cohort=cohort, state=ApplicationState.CONFIRMED).exists():
        raise CompletionRefusal("Only participants with a confirmed place answer the self-assessment.")
    if not stage_is_open(cohort=cohort, stage=stage, now=now):
        opens = end_stage_opens_on(cohort)
        raise CompletionRefusal(f"The end-of-programme self-assessment opens on {opens:%-d %B %Y}.")
    if set(answers) != set(items) or any(answers[key] not in SCALE for key in items):
        raise CompletionRefusal("Please answer every statement on the scale from 1 to 5.")
    try:
        with transaction.atomic():
            assessment = SelfAssessment.objects.create(
                participant=participant, cohort=cohort, stage=stage, answers=answers
            )
    except IntegrityError:
        raise CompletionRefusal("You have already answered this self-assessment.") from None
    if stage == AssessmentStage.END:
        issue_if_complete(participant=participant, cohort=cohort)
    return assessment


def issue_if_complete(*, participant, cohort):
    """Issue the participant's certificate if they meet the cohort's criteria; the figures are those
    of today. Returns the certificate (new or existing) or None. Safe to call any number of times:
    the unique constraint keeps one certificate per participant and cohort."""
    progress = progress_of(cohort=cohort, participant_ids=[participant.pk]).get(participant.pk)
    if progress is None or progress.certificate is not None or not progress.complete:
        return progress.certificate if progress else None
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                participant=participant,
                cohort=cohort,
                sessions_attended=progress.attended,
                mentoring_minutes=progress.mentoring_minutes,
                pathways=sorted(progress.pathways),
            )
    except IntegrityError:
        return Certificate.objects.get(participant=participant, cohort=cohort)


def check_completions(*, cohort):
    """The coordinator's "check completions": issue every certificate now due. Returns how many."""
    due = [row.participant for row in progress_of(cohort=cohort).values() if row.complete and not row.certificate]
    return sum(1 for participant in due if issue_if_complete(participant=participant, cohort=cohort))


def revoke_certificate(*, certificate, reason, now=None):
    reason = reason.strip()
    if not reason:
        raise CompletionRefusal("Please give the reason for revoking the certificate.")
    updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now(), revoked_reason=reason[:300]
    )
    if not updated:
        raise CompletionRefusal("This certificate was already revoked.")
    certificate.refresh_from_db()
    return certificate


def email_participants(*, cohort, participants, batch, subject, body, audience=None):
    """Queue the coordinator's email to each participant under `completion-list:{cohort}:{batch}:{user}`:
    the batch comes from the confirmation page, so posting it twice queues nothing more. `audience`
    is the fingerprint of the list that page showed (ftl_portal/confirmation.py): a list changed
    since then is refused with AudienceChanged, and nothing is queued."""
    if not participants:
        raise CompletionRefusal("Nobody is on this list.")
    if audience is not None:
        check_fingerprint(audience, [p.pk for p in participants])
    if not subject.strip() or not body.strip():
        raise CompletionRefusal("Please write a subject and a message.")
    return [
        emails.queue_list_email(cohort=cohort, participant=p, batch=batch, subject=subject, body=body)
        for p in participants
    ]
