from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from programmes.admissions.forms.reviews import StageDecisionForm
from programmes.admissions.models import Decision
from programmes.admissions.selectors import decisions as selectors
from programmes.admissions.selectors.reviews import application_for_review
from programmes.admissions.services import decisions as services


@require_POST
@permission_required("admissions.stage_decision")
def stage(request, pk):
    application = application_for_review(user=request.user, pk=pk)
    form = StageDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose offer, waiting list or do not offer.")
        return redirect("review_application", pk=application.pk)
    try:
        staged = services.stage_decision(
            application=application, decision=form.cleaned_data["decision"], actor=request.user
        )
    except services.DecisionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"Staged: {staged.get_decision_display().lower()}. The student hears when it is released."
        )
    return redirect("review_application", pk=application.pk)


@require_POST
@permission_required("admissions.stage_decision")
def unstage(request, pk):
    application = application_for_review(user=request.user, pk=pk)
    try:
        services.unstage_decision(application=application, actor=request.user)
    except services.DecisionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The staged decision is removed.")
    return redirect("review_application", pk=application.pk)


def _staged_rows(staged):
    """Each staged decision's cells, worked out in one pass (a {% url %} and a date filter per row
    cost the template more than the board's queries)."""
    marker = "2147483647"
    url_before, _, url_after = reverse("review_application", args=[marker]).partition(marker)
    labels = dict(Decision.choices)
    rows = []
    for item in staged:
        staged_at = timezone.localtime(item["staged_at"])
        rows.append(
            {
                "url": f"{url_before}{item['application_id']}{url_after}",
                "application": f"#{item['application_id']} · {item['application__course']}",
                "decision": labels.get(item["decision"], item["decision"]),
                "staged_by": item["staged_by__full_name"] or item["staged_by__email"] or "—",
                "staged_at": f"{staged_at.day} {staged_at:%b %Y, %H:%M} {staged_at.tzname()}",
            }
        )
    return rows


@permission_required("admissions.stage_decision")
def board(request):
    board = selectors.decision_board(user=request.user)
    for entry in board:
        entry["staged"] = _staged_rows(entry["staged"])
    return render(request, "admissions/reviews/decisions.html", {"board": board})


@require_POST
@permission_required("admissions.release_decisions")
def release(request, pk):
    cohort_partner = selectors.cohort_partner_for(user=request.user, pk=pk)
    try:
        released, skipped = services.release_decisions(cohort_partner=cohort_partner, actor=request.user)
    except services.DecisionRefused as exc:
        messages.error(request, str(exc))
        return redirect("decision_board")
    if not released and not skipped:
        messages.info(request, "Nothing to release: these decisions were already released.")
    else:
        note = f" {skipped} could no longer be applied (the student withdrew) and were dropped." if skipped else ""
        messages.success(
            request, f"Released {released} decision{'s'[: released != 1]}; the students are emailed.{note}"
        )
    return redirect("decision_board")


@permission_required("admissions.view_funnel")
def funnel(request):
    rows = selectors.funnel(user=request.user)
    return render(request, "admissions/reviews/funnel.html", {"charts": selectors.funnel_chart(rows)})
