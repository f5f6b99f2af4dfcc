"""My assignments, and the page where a coordinator or lead reviewer assigns applications."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import permission_required
from programmes.admissions.forms.assignments import (
    AutoAssignForm,
    HandAssignForm,
    ReviewerChoiceForm,
    ReviewerProfileForm,
)
from programmes.admissions.selectors import assignments as selectors
from programmes.admissions.services import assignments as services


@permission_required("admissions.work_through_assignments")
def mine(request):
    return render(request, "admissions/assignments/mine.html", selectors.my_assignments(user=request.user))


def _scope(request, source):
    return selectors.assignment_scope(
        user=request.user, partner_slug=source.get("partner", ""), cohort_id=source.get("cohort", "")
    )


def _back(scope):
    query = {"partner": scope["partner"].slug, **({"cohort": scope["cohort"].pk} if scope["cohort"] else {})}
    return redirect(f"{reverse('assignments_manage')}?{urlencode(query)}")


def _manage_page(request, scope, *, auto_form=None, hand_form=None, status=200):
    partner, cohort = scope["partner"], scope["cohort"]
    reviewers = list(services.reviewers_of(partner))
    may_name_lead = request.user.role == Role.COORDINATOR
    progress = selectors.reviewer_progress(partner=partner, cohort=cohort) if cohort else []
    for row in progress:
        profile = row["profile"]
        row["form"] = ReviewerProfileForm(
            initial={
                "department": getattr(profile, "department", ""),
                "courses": "\n".join(getattr(profile, "department_courses", [])),
                "is_lead": getattr(profile, "is_lead", False),
            },
            may_name_lead=may_name_lead,
            prefix=f"r{row['reviewer'].pk}",
        )
    context = {
        **scope,
        "progress": progress,
        "open_assignments": selectors.open_assignments(partner=partner, cohort=cohort) if cohort else [],
        "auto_form": auto_form or AutoAssignForm(),
        "hand_form": hand_form or HandAssignForm(reviewers=reviewers),
        "reassign_form": ReviewerChoiceForm(reviewers=reviewers),
    }
    return render(request, "admissions/assignments/manage.html", context, status=status)


@permission_required("admissions.manage_assignments")
def manage(request):
    return _manage_page(request, _scope(request, request.GET))


def _form_errors(form):
    return " ".join(error for errors in form.errors.values() for error in errors)


@require_POST
@permission_required("admissions.manage_assignments")
def auto(request):
    scope = _scope(request, request.POST)
    form = AutoAssignForm(request.POST)
    if not form.is_valid() or scope["cohort"] is None:
        messages.error(request, f"Nothing was assigned. {_form_errors(form) or 'Choose a cohort first.'}")
        return _manage_page(request, scope, auto_form=form, status=400)
    try:
        result = services.auto_assign(
            cohort=scope["cohort"],
            partner=scope["partner"],
            per_application=form.cleaned_data["per_application"],
            keep_departments_apart=form.cleaned_data["keep_departments_apart"],
            actor=request.user,
        )
    except services.AssignmentRefused as exc:
        messages.error(request, f"Nothing was assigned. {exc}")
        return _manage_page(request, scope, auto_form=form, status=400)
    made = len(result.pairs)
    messages.success(request, f"{made} assignment{'s'[: made != 1]} made; loads are as even as the rules allow.")
    if result.short:
        listed = ", ".join(f"#{a}" for a in sorted(result.short))
        messages.warning(request, f"Too few eligible reviewers for {len(result.short)} application(s): {listed}.")
    return _back(scope)


@require_POST
@permission_required("admissions.manage_assignments")
def by_hand(request):
    scope = _scope(request, request.POST)
    reviewers = list(services.reviewers_of(scope["partner"]))
    form = HandAssignForm(request.POST, reviewers=reviewers)
    application = None
    if form.is_valid():
        application = selectors.application_by_number(scope=scope, number=form.cleaned_data["application"])
        if application is None:
            form.add_error("application", f"There is no application #{form.cleaned_data['application']} here.")
    if application is None:
        messages.error(request, f"Nothing was assigned. {_form_errors(form)}")
        return _manage_page(request, scope, hand_form=form, status=400)
    reviewer = next(r for r in reviewers if r.pk == form.cleaned_data["reviewer"])
    try:
        services.assign_by_hand(application=application, reviewer=reviewer, actor=request.user)
    except services.AssignmentRefused as exc:
        messages.error(request, f"Nothing was assigned. {exc}")
        return _manage_page(request, scope, hand_form=form, status=400)
    messages.success(request, f"Application #{application.pk} assigned to {reviewer}.")
    return _back(scope)


def _scope_of(assignment):
    return {"partner": assignment.application.partner, "cohort": assignment.application.cohort}


@require_POST
@permission_required("admissions.manage_assignments")
def reassign(request, pk):
    assignment = selectors.assignment_for_managing(user=request.user, pk=pk)
    scope = _scope_of(assignment)
    form = ReviewerChoiceForm(request.POST, reviewers=services.reviewers_of(scope["partner"]))
    if not form.is_valid():
        messages.error(request, f"Not reassigned. {_form_errors(form)}")
        return _back(scope)
    reviewer = services.reviewers_of(scope["partner"]).get(pk=form.cleaned_data["reviewer"])
    try:
        services.reassign(assignment=assignment, reviewer=reviewer, actor=request.user)
    except services.AssignmentRefused as exc:
        messages.error(request, f"Not reassigned. {exc}")
    else:
        messages.success(request, f"Application #{assignment.application_id} moved to {reviewer}.")
    return _back(scope)


@require_POST
@permission_required("admissions.manage_assignments")
def remove(request, pk):
    assignment = selectors.assignment_for_managing(user=request.user, pk=pk)
    services.unassign(assignment=assignment, actor=request.user)
    messages.success(request, f"Application #{assignment.application_id} taken off {assignment.reviewer}'s list.")
    return _back(_scope_of(assignment))


@require_POST
@permission_required("admissions.manage_assignments")
def reviewer_profile(request, pk):
    reviewer = selectors.reviewer_for_assigning(user=request.user, pk=pk)
    may_name_lead = request.user.role == Role.COORDINATOR
    form = ReviewerProfileForm(request.POST, may_name_lead=may_name_lead, prefix=f"r{pk}")
    scope = _scope(request, {"partner": reviewer.partner.slug, "cohort": request.POST.get("cohort", "")})
    if not form.is_valid():
        messages.error(request, f"Not saved. {_form_errors(form)}")
        return _back(scope)
    services.save_reviewer_profile(
        reviewer=reviewer,
        department=form.cleaned_data["department"],
        courses=form.course_list(),
        is_lead=form.cleaned_data["is_lead"] if may_name_lead else None,
        actor=request.user,
    )
    messages.success(request, f"{reviewer}'s reviewer details saved.")
    return _back(scope)
