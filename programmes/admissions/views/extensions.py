"""Coordinators grant a student more time to submit: a deadline extension per cohort."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from programmes.admissions.forms.extensions import ExtensionForm
from programmes.admissions.selectors import extensions as selectors
from programmes.admissions.services import extensions as services
from programmes.admissions.services.applications import show_time
from programmes.cohorts import selectors as cohort_selectors


@permission_required("admissions.grant_extensions")
def setup_extensions(request, pk):
    cohort = cohort_selectors.cohort(user=request.user, pk=pk)
    form = ExtensionForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            extension = services.grant_extension(
                cohort=cohort,
                student=form.cleaned_data["student"],
                until=form.cleaned_data["until"],
                reason=form.cleaned_data["reason"],
                granted_by=request.user,
            )
        except services.ExtensionRefused as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, f"{extension.student.email} may now submit until {show_time(extension.until)}.")
            return redirect("setup_extensions", pk=cohort.pk)
    return render(
        request,
        "admissions/extensions.html",
        {"cohort": cohort, "form": form, "extensions": selectors.extensions(user=request.user, cohort=cohort)},
    )


@require_POST
@permission_required("admissions.grant_extensions")
def setup_extension_revoke(request, pk, extension_pk):
    cohort = cohort_selectors.cohort(user=request.user, pk=pk)
    extension = selectors.extension(user=request.user, cohort=cohort, pk=extension_pk)
    services.revoke_extension(extension=extension)
    messages.success(request, f"The extension for {extension.student.email} is withdrawn.")
    return redirect("setup_extensions", pk=cohort.pk)
