from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.services import record_access
from programmes.equality import selectors, services
from programmes.equality.forms import QuestionnaireForm
from programmes.equality.reports import MIN_PERCENT_BASE


@permission_required("equality.answer_questionnaire")
def questionnaire(request, cohort_id):
    cohort = selectors.submitted_cohort_for(request.user, cohort_id)
    response = selectors.own_response(request.user, cohort)
    form = QuestionnaireForm(request.POST or None, instance=response)
    if request.method == "POST" and form.is_valid():
        services.save_response(student=request.user, cohort=cohort, answers=form.cleaned_data)
        messages.success(request, "Thank you: your answers are saved. You can change or withdraw them at any time.")
        return redirect("dashboard")
    return render(request, "equality/questionnaire.html", {"cohort": cohort, "form": form, "response": response})


@require_POST
@permission_required("equality.answer_questionnaire")
def withdraw(request, cohort_id):
    cohort = selectors.submitted_cohort_for(request.user, cohort_id)
    services.withdraw_response(student=request.user, cohort=cohort)
    messages.success(request, "Your equality answers are deleted; they no longer count in any report.")
    return redirect("dashboard")


@permission_required("equality.read_reports")
def report_list(request):
    return render(request, "equality/report_list.html", {"cohorts": selectors.report_cohorts(request.user)})


@permission_required("equality.read_reports")
def report(request, cohort_id):
    cohort, characteristics = selectors.equality_report(request.user, cohort_id)
    record_access(actor=request.user, what="equality_report", detail=f"Equality report of cohort {cohort.pk}")
    return render(
        request,
        "equality/report.html",
        {"cohort": cohort, "characteristics": characteristics, "min_percent_base": MIN_PERCENT_BASE},
    )
