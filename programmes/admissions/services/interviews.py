"""Interviews, the optional second stage: a coordinator gives a cohort an interview rubric, invites
its shortlist (confirmed on a page that shows whom it emails), and interviewers score against the
rubric. The slots and bookings themselves are sessions in the events app, which tells this module
which slot an invited applicant holds."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import may
from ftl_portal.errors import PortalError
from ftl_portal.outbox import services as outbox
from programmes.admissions.models import InterviewInvitation, InterviewScore, InterviewStage
from programmes.admissions.rubrics import criteria_of, weighted_score
from programmes.admissions.selectors.interviews import to_invite


class InterviewRefused(PortalError):
    """An interview step the rules do not allow; the message is for the person."""


def set_up_interviews(*, cohort, rubric, actor):
    """Give the cohort an interview stage with `rubric`, or change its rubric before any scores."""
    if not may(actor, "admissions.manage_interviews"):
        raise InterviewRefused("Only coordinators set up interviews.")
    if not rubric:
        raise InterviewRefused("An interview rubric needs at least one criterion.")
    stage = InterviewStage.objects.filter(cohort=cohort).first()
    if stage and stage.rubric != rubric and InterviewScore.objects.filter(application__cohort=cohort).exists():
        raise InterviewRefused("Interviews have been scored against this rubric, so it can no longer change.")
    stage, _ = InterviewStage.objects.update_or_create(cohort=cohort, defaults={"rubric": rubric})
    return stage


def invite_shortlisted(*, cohort, actor, application_ids):
    """Invite the shortlisted applicants the confirmation page listed (`application_ids`) who are
    still shortlisted and not yet invited, and email each the link to book. A second post of the
    same confirmation finds them invited and sends nothing. Returns the invitations made."""
    if not may(actor, "admissions.manage_interviews"):
        raise InterviewRefused("Only coordinators invite applicants to interview.")
    if not InterviewStage.objects.filter(cohort=cohort).exists():
        raise InterviewRefused("Set up this cohort's interviews before inviting anyone.")
    wanted = {int(pk) for pk in application_ids}
    made = []
    with transaction.atomic():
        for application in to_invite(user=actor, cohort=cohort).filter(pk__in=wanted):
            invitation, created = InterviewInvitation.objects.get_or_create(
                application=application, defaults={"invited_by": actor, "invited_at": timezone.now()}
            )
            if created:
                queue_invitation_email(invitation)
                made.append(invitation)
    return made


def invitation_email(invitation):
    """The subject, body and context of an invitation, for the email and the confirmation's example."""
    application = invitation.application
    context = {
        "student": application.student,
        "cohort": application.cohort,
        "book_url": settings.SITE_URL + reverse("sessions:interview", args=[application.cohort_id]),
    }
    return "applications/interview_invitation", context


def queue_invitation_email(invitation):
    template, context = invitation_email(invitation)
    return outbox.queue_templated_email(
        key=f"interview-invite:{invitation.application_id}",
        to=invitation.application.student.email,
        template=template,
        context=context,
        source=f"application:{invitation.application_id}",
    )


def record_slot(*, student, cohort_id, starts_at):
    """The events app tells which slot an invited applicant now holds (None once they give it up)."""
    InterviewInvitation.objects.filter(application__student=student, application__cohort_id=cohort_id).update(
        slot_starts_at=starts_at
    )


def score_interview(*, application, interviewer, scores, comment=""):
    """Record an interviewer's scores (criterion key → 1..5) of an invited applicant. One set per
    interviewer; a second is refused rather than overwriting the first."""
    if not may(interviewer, "admissions.score_interviews", application):
        raise InterviewRefused("Only coordinators and staff of the applicant's university score this interview.")
    stage = InterviewStage.objects.filter(cohort_id=application.cohort_id).first()
    if stage is None or not InterviewInvitation.objects.filter(application=application).exists():
        raise InterviewRefused("This applicant has not been invited to interview.")
    rubric = criteria_of(stage.rubric)
    missing = [c["label"] for c in rubric if c["key"] not in scores]
    if missing:
        raise InterviewRefused(f"Give a score for: {', '.join(missing)}.")
    clean = {c["key"]: int(scores[c["key"]]) for c in rubric}
    if any(not 1 <= s <= 5 for s in clean.values()):
        raise InterviewRefused("Each score is a whole number from 1 to 5.")
    try:
        with transaction.atomic():
            return InterviewScore.objects.create(
                application=application,
                interviewer=interviewer,
                scores=clean,
                weighted_score=weighted_score(rubric=rubric, scores=clean),
                comment=comment.strip(),
                submitted_at=timezone.now(),
            )
    except IntegrityError as exc:
        raise InterviewRefused("You have already scored this interview.") from exc
