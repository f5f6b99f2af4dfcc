from html import escape as html_escape

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import permission_required
from ftl_portal.confirmation import FINGERPRINT_FIELD, AudienceChanged
from programmes.admissions import confirmations
from programmes.admissions.forms.reviews import StageDecisionForm
from programmes.admissions.selectors import decisions as selectors
from programmes.admissions.selectors import funnel as funnel_selectors
from programmes.admissions.selectors import releases
from programmes.admissions.selectors import sources as source_selectors
from programmes.admissions.selectors.reviews import application_for_review
from programmes.admissions.services import decisions as services
from programmes.admissions.views.cells import pk_url, short_datetimes


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


@permission_required("admissions.stage_decision")
def board(request):
    board = releases.decision_board(user=request.user)
    url_of, short_datetime = pk_url("review_application"), short_datetimes()
    for entry in board:
        # One string for the whole table: the template printing a hundred rows one by one cost more
        # than building them.
        entry["rows"] = SafeString("\n".join(_staged_row(item, url_of, short_datetime) for item in entry["staged"]))
    return render(request, "admissions/reviews/decisions.html", {"board": board})


def _staged_row(item, url_of, short_datetime):
    """One staged decision's table row, its cells escaped once, built in Python as Django's admin builds
    its change list's cells: the board lists a hundred rows a university, and their 700 cells through
    the template cost more than the query behind them. HTML, but not yet marked safe: the table is,
    once, so its cells are escaped with html.escape (every one is text), not made 600 SafeStrings."""
    return (
        f'<tr><th scope="row"><a href="{url_of(item["application_id"])}">{html_escape(item["applicant"])}</a></th>'
        f"<td>{html_escape(item['university'])}</td><td>{html_escape(item['decision'])}</td>"
        f"<td>{html_escape(item['score'])}</td><td>{html_escape(item['staged_by'] or '—')}</td>"
        f"<td>{html_escape(short_datetime(item['staged_at']))}</td></tr>"
    )


def _release_page(request, cohort_partner, *, changed=""):
    context = {
        "cohort_partner": cohort_partner,
        "confirmation": confirmations.release_confirmation(user=request.user, cohort_partner=cohort_partner),
        "changed": changed,
    }
    return render(request, "admissions/reviews/release_confirm.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("admissions.release_decisions")
def release(request, pk):
    """GET: whom the release reaches, with their emails. POST: release what that page showed."""
    cohort_partner = selectors.cohort_partner_for(user=request.user, pk=pk)
    if not services.may_release(user=request.user, cohort_partner=cohort_partner):
        messages.error(request, "Only a coordinator releases decisions for this cohort.")
        return redirect("decision_board")
    if request.method != "POST":
        return _release_page(request, cohort_partner)
    try:
        released, skipped = services.release_decisions(
            cohort_partner=cohort_partner, actor=request.user, audience=request.POST.get(FINGERPRINT_FIELD, "")
        )
    except AudienceChanged as exc:
        return _release_page(request, cohort_partner, changed=str(exc))
    except services.DecisionRefused as exc:
        messages.error(request, str(exc))
        return redirect("decision_board")
    if not released and not skipped:
        messages.info(
            request, "Nothing to release: these decisions were already released, and nobody was emailed again."
        )
    else:
        note = f" {skipped} could no longer be applied (the student withdrew) and were dropped." if skipped else ""
        messages.success(
            request, f"Released {released} decision{'s'[: released != 1]}; the students are emailed.{note}"
        )
    return redirect("decision_board")


@permission_required("admissions.view_funnel")
def funnel(request):
    context = funnel_selectors.funnel_page(
        user=request.user, cohort_id=request.GET.get("cohort"), university=request.GET.get("university", "")
    )
    if context["cohort"]:
        context["sources"] = source_selectors.funnel_sources(
            user=request.user, cohort=context["cohort"], university=context["university"]
        )
    return render(request, "admissions/reviews/funnel.html", context)
