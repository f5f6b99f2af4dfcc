"""The student's journey: the public cohort page, eligibility, the task list of sections, check
your answers, submit, and the moves afterwards (withdraw, accept or decline an offer)."""

import io

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.services import record_access
from programmes.admissions import attribution
from programmes.admissions.forms.applications import SECTION_FORMS, EligibilityForm, OwnSectionForm, WithdrawForm
from programmes.admissions.models import ApplicationState as S
from programmes.admissions.sections import (
    COMPLETED,
    STATUS_LABELS,
    section_statuses,
    sections_for,
)
from programmes.admissions.selectors import applications as selectors
from programmes.admissions.selectors import questions as question_selectors
from programmes.admissions.selectors.reviews import in_blind_pass
from programmes.admissions.services import student_applications as services
from programmes.admissions.services.applications import TransitionRefused, submission_deadline, submission_refusal
from programmes.cohorts import selectors as cohort_selectors


@permission_required("admissions.apply")
def application_start(request, slug):
    """The eligibility check; an eligible student gets a draft and goes to its task list."""
    cohort = cohort_selectors.public_cohort(slug=slug)
    existing = selectors.own_application_for_cohort(user=request.user, cohort=cohort)
    if existing:
        return redirect("application_tasks", pk=existing.pk)
    email_partner = next((p for p in cohort.partners.all() if p.owns_email(request.user.email)), None)
    form = EligibilityForm(request.POST or None, cohort=cohort, email_partner=email_partner)
    # A closed window is worth saying before the student fills anything in.
    window_refusal = submission_refusal(cohort=cohort, student=request.user)
    problems = [window_refusal] if window_refusal else []
    if request.method == "POST" and form.is_valid():
        partner = form.cleaned_data["partner"]
        level = form.cleaned_data["level_of_study"]
        problems = services.eligibility_problems(
            cohort=cohort, student=request.user, partner=partner, level_of_study=level
        )
        if not problems:
            application = services.start_application(
                cohort=cohort,
                student=request.user,
                partner=partner,
                level_of_study=level,
                campaign_ref=attribution.source_of(request),
            )
            messages.success(request, "You can apply. Your answers save as you go.")
            return redirect("application_tasks", pk=application.pk)
    return render(
        request,
        "admissions/applications/eligibility.html",
        {"cohort": cohort, "form": form, "problems": problems},
    )


def _task_context(application):
    statuses = section_statuses(application)
    completed = sum(status == COMPLETED for _, status in statuses)
    return {
        "application": application,
        "sections": [(section, status, STATUS_LABELS[status]) for section, status in statuses],
        "completed_count": completed,
        "all_complete": completed == len(statuses),
        "deadline": submission_deadline(cohort=application.cohort, student=application.student),
    }


@permission_required("admissions.apply")
def application_tasks(request, pk):
    application = selectors.own_application(user=request.user, pk=pk)
    if application.state != S.DRAFT:
        # The task list invites editing before a deadline; once submitted, the status, what
        # happens next and any offer to answer are on the dashboard.
        return redirect("dashboard")
    return render(request, "admissions/applications/tasks.html", _task_context(application))


@permission_required("admissions.apply")
def application_section(request, pk, section):
    application = selectors.own_application(user=request.user, pk=pk)
    sections = sections_for(application)
    slugs = [s.slug for s in sections]
    if section not in slugs:
        raise Http404
    if application.state != S.DRAFT:
        messages.info(request, "Your application is submitted, so its answers can no longer change.")
        return redirect("application_check", pk=application.pk)
    current = sections[slugs.index(section)]
    following = slugs[slugs.index(section) + 1] if section != slugs[-1] else None
    form_class = SECTION_FORMS.get(section, OwnSectionForm)
    form = form_class(
        request.POST or None,
        request.FILES or None,
        application=application,
        questions=current.questions,
        initial=form_class.initial_for(application),
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            application = services.save_section(
                application=application, answers=form.answers(), question_answers=form.question_answers()
            )
        except services.SectionLocked as exc:
            messages.error(request, str(exc))
            return redirect("application_tasks", pk=application.pk)
        saved = True
        if not request.htmx:
            messages.success(request, f"“{current.title}” saved.")
            if "continue" in request.POST and following:
                return redirect("application_section", pk=application.pk, section=following)
            return redirect("application_tasks", pk=application.pk)
    if request.htmx:
        return render(request, "admissions/applications/_autosave_status.html", {"form": form, "saved": saved})
    return render(
        request,
        "admissions/applications/section.html",
        {
            "application": application,
            "section": current,
            "form": form,
            "word_count_fields": form.word_count_fields(),
            "autosave": section != "cv",
            "has_next": following is not None,
        },
        status=400 if request.method == "POST" else 200,
    )


@permission_required("admissions.apply")
def application_check(request, pk):
    """Opens on a draft only once every section is complete: before that there is nothing to submit."""
    application = selectors.own_application(user=request.user, pk=pk)
    context = _task_context(application)
    if application.state == S.DRAFT and not context["all_complete"]:
        missing = ", ".join(section.title for section, status, _ in context["sections"] if status != COMPLETED)
        messages.info(request, f"Complete every section before you check your answers. Still to do: {missing}.")
        return redirect("application_tasks", pk=application.pk)
    context["question_answers"] = question_selectors.answers_for_student(application=application)
    return render(request, "admissions/applications/check.html", context)


@require_POST
@permission_required("admissions.apply")
def application_submit(request, pk):
    application = selectors.own_application(user=request.user, pk=pk)
    try:
        application = services.submit(application=application, student=request.user)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
        return redirect("application_check", pk=application.pk)
    messages.success(request, "Your application is submitted. We have emailed you a receipt.")
    return redirect("dashboard")


@permission_required("admissions.apply")
def application_withdraw(request, pk):
    application = selectors.own_application(user=request.user, pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(application=application, student=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Your application is withdrawn.")
        return redirect("dashboard")
    return render(request, "admissions/applications/withdraw.html", {"application": application, "form": form})


@require_POST
@permission_required("admissions.apply")
def application_respond(request, pk):
    application = selectors.own_application(user=request.user, pk=pk)
    accept = request.POST.get("decision") == "accept"
    try:
        services.respond_to_offer(application=application, student=request.user, accept=accept)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your place is confirmed. Welcome!" if accept else "You have declined the offer.")
    return redirect("dashboard")


@cache_control(private=True, no_store=True)  # personal data: no proxy or browser cache keeps a copy
def application_cv(request, pk):
    """The CV file, to the student, their university's staff and coordinators; 404 for anyone else.
    Reviewers get a copy named by application number with the PDF's document details stripped, and
    in a blind pass only where the cohort allows it; each of their downloads is logged."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = selectors.application_with_cv(user=request.user, pk=pk)
    if application.student_id == request.user.pk:
        name = "".join(ch for ch in application.student.get_full_name() if ch.isalnum() or ch in " -") or "applicant"
        try:
            cv = application.cv.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        return FileResponse(cv, as_attachment=True, filename=f"CV {name}.pdf", content_type="application/pdf")
    if in_blind_pass(application=application, user=request.user) and not application.cohort.show_cv_in_blind_pass:
        message = "A CV names its author, so in this cohort's blind first review you get it once you have reviewed."
        return render(request, "portal_error.html", {"message": message}, status=403)
    try:
        copy = selectors.reviewer_copy_of_cv(application=application)
    except FileNotFoundError as exc:
        raise Http404 from exc
    record_access(actor=request.user, what="cv", subject=application.student, detail=f"application {application.pk}")
    filename = f"CV application-{application.pk}.pdf"
    return FileResponse(io.BytesIO(copy), as_attachment=True, filename=filename, content_type="application/pdf")
