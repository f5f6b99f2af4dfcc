"""Completion pages: the coordinator's criteria, cohort progress, list email, check completions and
revocation; the participant's self-assessment and certificate; the public verify page."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from ftl_portal.confirmation import FINGERPRINT_FIELD, AudienceChanged, fingerprint
from ftl_portal.outbox.services import render_email

from . import selectors, services
from .forms import CriteriaForm, ListEmailForm, ProgressFilterForm, RevokeForm, SelfAssessmentForm
from .models import AssessmentStage
from .pdf import certificate_pdf, verification_url
from .progress import criteria_for


@permission_required("completion.manage_completion")
def criteria(request, pk):
    cohort = selectors.cohort_for(user=request.user, pk=pk)
    form = CriteriaForm(request.POST or None, criteria=criteria_for(cohort))
    if request.method == "POST" and form.is_valid():
        services.save_criteria(cohort=cohort, **form.criteria_fields())
        messages.success(request, f"The completion criteria of {cohort.name} are saved.")
        return redirect("completion:cohort", pk=cohort.pk)
    return render(request, "completion/criteria_form.html", {"cohort": cohort, "form": form})


def _filtered(request, cohort):
    form = ProgressFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.cohort_progress(
        user=request.user, cohort=cohort, partner=filters.get("partner"), status=filters.get("status", "")
    )
    return form, rows


@permission_required("completion.manage_completion")
def cohort_progress(request, pk):
    cohort = selectors.cohort_for(user=request.user, pk=pk)
    form, rows = _filtered(request, cohort)
    context = {
        "cohort": cohort,
        "criteria": criteria_for(cohort),
        "filter_form": form,
        "rows": rows,
        "query": request.GET.urlencode(),
    }
    return render(request, "completion/cohort_progress.html", context)


@permission_required("completion.manage_completion")
@require_POST
def check_completions(request, pk):
    cohort = selectors.cohort_for(user=request.user, pk=pk)
    issued = services.check_completions(cohort=cohort)
    messages.success(request, f"{issued} new certificate{'' if issued == 1 else 's'} issued.")
    return redirect("completion:cohort", pk=cohort.pk)


@permission_required("completion.manage_completion")
def email_list(request, pk):
    """Write, preview, confirm: the recipients are the filtered list, shown at every step."""
    cohort = selectors.cohort_for(user=request.user, pk=pk)
    filter_form, rows = _filtered(request, cohort)
    recipients = [row.participant for row in rows]
    if request.method == "POST":
        form = ListEmailForm(request.POST)
    else:
        form = ListEmailForm(initial={"batch": uuid.uuid4().hex, "subject": f"{cohort.name}: your progress"})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirm") == "yes":
            try:
                services.email_participants(
                    cohort=cohort,
                    participants=recipients,
                    batch=data["batch"],
                    subject=data["subject"],
                    body=data["body"],
                    audience=request.POST.get(FINGERPRINT_FIELD, ""),
                )
            except (services.CompletionRefusal, AudienceChanged) as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, f"Email queued for {len(recipients)} participants.")
                return redirect(reverse("completion:cohort", args=[cohort.pk]) + "?" + request.GET.urlencode())
        elif recipients and request.POST.get("confirm") != "edit":
            _, body, _ = render_email(
                "completion/list",
                {
                    "site_url": request.build_absolute_uri("/").rstrip("/"),
                    "cohort": cohort,
                    "person": recipients[0],
                    "subject": data["subject"],
                    "message": data["body"],
                    "dashboard_path": reverse("dashboard"),
                },
            )
            preview = {"to": recipients[0], "subject": data["subject"], "body": body}
    context = {
        "cohort": cohort,
        "form": form,
        "filter_form": filter_form,
        "recipients": recipients,
        "preview": preview,
        "confirmation": {"audience": fingerprint(p.pk for p in recipients)},
        "query": request.GET.urlencode(),
    }
    return render(request, "completion/email_list.html", context)


@permission_required("completion.track_own_progress")
def self_assessment(request, pk, stage):
    if stage not in AssessmentStage.values:
        raise Http404
    cohort = selectors.participation_for(user=request.user, pk=pk)
    assessments = selectors.own_assessments(user=request.user, cohort=cohort)
    items = selectors.assessment_items()
    open_now = services.stage_is_open(cohort=cohort, stage=stage) and stage not in assessments
    form = SelfAssessmentForm(request.POST or None, items=items) if open_now else None
    status = 200
    if request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                services.submit_self_assessment(
                    participant=request.user,
                    cohort=cohort,
                    stage=stage,
                    answers=form.answers(),
                    items=[i.key for i in items],
                )
            except services.CompletionRefusal as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, "Thank you: your answers are saved.")
                return redirect("completion:assessment", pk=cohort.pk, stage=stage)
        status = 400
    context = {
        "cohort": cohort,
        "stage": stage,
        "stage_label": AssessmentStage(stage).label,
        "form": form,
        "answered": stage in assessments,
        "rows": selectors.side_by_side(items=items, assessments=assessments),
        "assessments": assessments,
    }
    return render(request, "completion/self_assessment.html", context, status=status)


@login_required
@cache_control(private=True, no_store=True)  # carries the person's name: no shared cache keeps it
def certificate_download(request, pk):
    certificate = selectors.certificate_for(user=request.user, pk=pk)
    if not certificate.is_valid:
        raise Http404
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ftl-certificate-{certificate.code}.pdf"'
    return response


@permission_required("completion.manage_completion")
def certificate_revoke(request, pk):
    certificate = selectors.certificate_for(user=request.user, pk=pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_certificate(certificate=certificate, reason=form.cleaned_data["reason"])
        except services.CompletionRefusal as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"The certificate of {certificate.participant} is revoked.")
            return redirect("completion:cohort", pk=certificate.cohort_id)
    context = {"certificate": certificate, "form": form, "url": verification_url(certificate)}
    return render(request, "completion/certificate_revoke.html", context)


def verify(request, code):
    """Public: valid (the cohort and the date of issue, no name) or one neutral page for revoked and
    unknown codes, so the page never tells whether a code once existed."""
    certificate = selectors.certificate_by_code(code=code)
    valid = certificate is not None and certificate.is_valid
    return render(request, "completion/verify.html", {"certificate": certificate if valid else None})
