"""What a student does to their own application: start it, save its sections, submit, withdraw,
answer an offer. Every state change goes through set_state."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from ftl_portal.errors import PortalError
from programmes.admissions.models import Answer, Application
from programmes.admissions.models import ApplicationState as S
from programmes.admissions.questions import is_answered
from programmes.admissions.services.applications import set_state, submission_refusal
from programmes.admissions.signals import application_withdrawn


class SectionLocked(PortalError):
    """The application is no longer a draft; its answers are fixed."""


def eligibility_problems(*, cohort, student, partner, level_of_study, at=None):
    """Why this student may not apply, each with what to do about it; empty when they may."""
    problems = []
    refusal = submission_refusal(cohort=cohort, student=student, at=at)
    if refusal:
        problems.append(refusal)
    if partner is None or not cohort.cohort_partners.filter(partner=partner).exists():
        names = " and ".join(str(p.name) for p in cohort.partners.all()) or "its partner universities"
        problems.append(
            f"{cohort.name} is open to students of {names} only. If you study there, choose your university "
            "or sign up with your university email address."
        )
    if level_of_study not in cohort.levels_allowed:
        problems.append(
            "Your level of study is not one this cohort takes. Check the levels listed on the cohort page; "
            "later cohorts may take other levels."
        )
    return problems


def start_application(*, cohort, student, partner, level_of_study, campaign_ref=""):
    """The student's draft for this cohort, created once (a double click finds the first one)."""
    existing = Application.objects.filter(cohort=cohort, student=student).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Application.objects.create(
                cohort=cohort,
                student=student,
                partner=partner,
                level_of_study=level_of_study,
                campaign_ref=(campaign_ref or "")[:64],
            )
    except IntegrityError:
        return Application.objects.get(cohort=cohort, student=student)


def _locked_draft(application):
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.state != S.DRAFT:
        raise SectionLocked("This application has been submitted, so its answers can no longer change.")
    return locked


def save_section(*, application, answers, question_answers=None):
    """Save one section's answers: a CV is a file of its own, everything else a field value; the
    cohort's questions asked in the section ({question: value}) are saved with them, or not at all."""
    with transaction.atomic():
        if "cv" in answers:
            saved = save_cv(application=application, upload=answers["cv"])
        else:
            saved = save_answers(application=application, answers=answers)
        if question_answers:
            _save_question_answers(application=saved, values=question_answers)
    return saved


def _save_question_answers(*, application, values):
    """Called with the draft locked. An emptied answer is deleted, so "answered" means a row exists."""
    for question, value in values.items():
        if question.cohort_id != application.cohort_id or question.retired_at is not None:
            raise SectionLocked("This question is no longer asked. Reload the page to see the current form.")
        if is_answered(value):
            Answer.objects.update_or_create(question=question, application=application, defaults={"value": value})
        else:
            Answer.objects.filter(question=question, application=application).delete()


def save_answers(*, application, answers):
    """Save a section's answers (a dict of field values; `pathways` a list) into the draft."""
    with transaction.atomic():
        locked = _locked_draft(application)
        pathways = answers.pop("pathways", None)
        if "consent" in answers:
            consent = answers.pop("consent")
            answers["consent_given_at"] = (locked.consent_given_at or timezone.now()) if consent else None
        for field, value in answers.items():
            setattr(locked, field, value)
        locked.save(update_fields=[*answers, "updated_at"])
        if pathways is not None:
            locked.pathways.set(pathways)
    return locked


def save_cv(*, application, upload):
    """Store a checked PDF in private storage; the one it replaces is deleted once this commits."""
    with transaction.atomic():
        locked = _locked_draft(application)
        previous = locked.cv.name if locked.cv else ""
        locked.cv.save("cv.pdf", upload, save=False)
        locked.save(update_fields=["cv", "updated_at"])
        if previous:
            storage = locked.cv.storage
            transaction.on_commit(lambda: storage.delete(previous))
    return locked


def submit(*, application, student):
    """Submit once: a repeated or concurrent submit finds the application submitted and is a no-op."""
    return set_state(application=application, to_state=S.SUBMITTED, actor=student)


def withdraw(*, application, student, reason=""):
    with transaction.atomic():
        withdrawn = set_state(application=application, to_state=S.WITHDRAWN, actor=student, reason=reason.strip())
        application_withdrawn.send(sender=type(withdrawn), application=withdrawn)
    return withdrawn


def respond_to_offer(*, application, student, accept):
    to_state = S.CONFIRMED if accept else S.DECLINED
    return set_state(application=application, to_state=to_state, actor=student)
