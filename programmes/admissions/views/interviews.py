"""The interview stage: a coordinator sets a cohort's interview rubric and invites its shortlist
(after a confirmation page); interviewers score on the application's review page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from ftl_portal.outbox.services import render_email
from programmes.admissions.forms.interviews import InterviewRubricForm, InterviewScoreForm
from programmes.admissions.models import InterviewInvitation
from programmes.admissions.rubrics import criteria_of
from programmes.admissions.selectors import interviews as selectors
from programmes.admissions.selectors.reviews import application_for_review
from programmes.admissions.services import interviews as services
from programmes.cohorts import selectors as cohort_selectors


@permission_required("admissions.manage_interviews")
def interview_setup(request, pk):
    cohort = cohort_selectors.cohort(user=request.user, pk=pk)
    stage = selectors.stage_of(cohort=cohort)
    initial = {"criteria": InterviewRubricForm.initial_text(criteria_of(stage.rubric))} if stage else None
    form = InterviewRubricForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.set_up_interviews(cohort=cohort, rubric=form.cleaned_data["criteria"], actor=request.user)
            except services.InterviewRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"{cohort.name} interviews its shortlist with this rubric.")
                return redirect("interview_setup", pk=cohort.pk)
        status = 400
    context = {
        "cohort": cohort,
        "stage": stage,
        "form": form,
        "to_invite_count": selectors.to_invite(user=request.user, cohort=cohort).count() if stage else 0,
        "invitations": list(selectors.invitations(user=request.user, cohort=cohort)),
    }
    return render(request, "admissions/interviews/setup.html", context, status=status)


@permission_required("admissions.manage_interviews")
def interview_invite(request, pk):
    """GET: whom the invitation emails, with one example; POST: invite the people the page listed."""
    cohort = cohort_selectors.cohort(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            made = services.invite_shortlisted(
                cohort=cohort, actor=request.user, application_ids=_ids(request.POST.getlist("application"))
            )
        except services.InterviewRefused as exc:
            messages.error(request, str(exc))
        else:
            if made:
                messages.success(request, f"{len(made)} applicant{'s' if len(made) != 1 else ''} invited to interview.")
            else:
                messages.info(request, "Nobody new to invite: everyone listed has been invited already.")
        return redirect("interview_setup", pk=cohort.pk)
    applicants = list(selectors.to_invite(user=request.user, cohort=cohort))
    example = None
    if applicants and selectors.stage_of(cohort=cohort):
        template, email_context = services.invitation_email(InterviewInvitation(application=applicants[0]))
        subject, body, _ = render_email(template, email_context)
        example = {"to": applicants[0].student.email, "subject": subject, "body": body}
    return render(
        request,
        "admissions/interviews/invite_confirm.html",
        {"cohort": cohort, "applicants": applicants, "example": example, "stage": selectors.stage_of(cohort=cohort)},
    )


def _ids(values):
    """The application ids the confirmation listed; anything else (not a plain number, or beyond a
    database id) is dropped, so it invites nobody rather than failing."""
    return [int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= 18]


@require_POST
@permission_required("admissions.score_interviews")
def interview_score(request, pk):
    application = application_for_review(user=request.user, pk=pk)
    stage = selectors.stage_of(cohort=application.cohort)
    form = InterviewScoreForm(request.POST, rubric=criteria_of(stage.rubric) if stage else [])
    if not form.is_valid():
        messages.error(request, "The interview scores are not saved: give every criterion a score from 1 to 5.")
        return redirect("review_application", pk=application.pk)
    try:
        services.score_interview(
            application=application,
            interviewer=request.user,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
        )
    except services.InterviewRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your interview scores are saved.")
    return redirect("review_application", pk=application.pk)
