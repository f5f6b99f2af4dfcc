"""The impact report (page, printable, CSV), the follow-up survey reached by its signed link, and a
participant's follow-up consent."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from ftl_portal.errors import PortalError
from programmes.impact import selectors, services
from programmes.impact.csv_export import report_csv
from programmes.impact.forms import FollowUpSurveyForm
from programmes.impact.report import impact_report


@permission_required("impact.read_report")
def report_index(request):
    return render(request, "impact/index.html", {"cohorts": selectors.cohorts_for_report(user=request.user)})


@permission_required("impact.read_report")
def report(request, slug):
    cohort, partner, partners = selectors.report_scope(
        user=request.user, cohort_slug=slug, partner_slug=request.GET.get("university", "")
    )
    context = {"report": impact_report(cohort=cohort, partner=partner), "partners": partners}
    return render(request, "impact/report.html", context)


@permission_required("impact.read_report")
def report_download(request, slug):
    cohort, partner, _ = selectors.report_scope(
        user=request.user, cohort_slug=slug, partner_slug=request.GET.get("university", "")
    )
    response = HttpResponse(report_csv(impact_report(cohort=cohort, partner=partner)), content_type="text/csv")
    name = f"impact-{cohort.slug}" + (f"-{partner.slug}" if partner else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def follow_up(request, token):
    """No sign-in: the signed token names the survey. One answer; a second post changes nothing."""
    survey = selectors.survey_for_token(token)
    form = FollowUpSurveyForm(request.POST or None)
    if request.method == "POST" and not survey.answered_at and form.is_valid():
        try:
            services.answer_follow_up(survey_id=survey.pk, **form.cleaned_data)
        except PortalError as error:
            messages.error(request, str(error))
        return redirect("impact:follow_up", token=token)
    return render(request, "impact/follow_up.html", {"survey": survey, "form": form, "token": token})


def follow_up_withdraw(request, token):
    survey = selectors.survey_for_token(token)
    if request.method == "POST":
        services.withdraw_consent(participant=survey.participant, cohort=survey.cohort)
        return render(request, "impact/withdrawn.html", {"cohort": survey.cohort})
    return render(request, "impact/withdraw_confirm.html", {"survey": survey, "token": token})


@require_POST
@permission_required("impact.manage_follow_up_consent")
def consent(request, cohort_pk):
    cohort = selectors.certified_cohort(user=request.user, pk=cohort_pk)
    if request.POST.get("answer") == "yes":
        services.give_consent(participant=request.user, cohort=cohort)
        messages.success(request, "Thank you: we will ask you where you went at 6 and 12 months.")
    else:
        services.withdraw_consent(participant=request.user, cohort=cohort)
        messages.success(request, "We will not contact you about where you went after the programme.")
    return redirect("dashboard")
