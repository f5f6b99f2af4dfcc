"""The coordinators' suppression list: who marketing never reaches, and why; adding an address a
complaint or a late bounce names, and lifting a bounce or a complaint (one entered by mistake, or an
address that works again)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import permission_required
from programmes.recruitment import selectors as selectors
from programmes.recruitment.forms import SuppressionForm
from programmes.recruitment.models import SuppressionReason
from programmes.recruitment.services import suppressions


@require_http_methods(["GET", "POST"])
@permission_required("recruitment.run_campaigns")
def suppression_list(request):
    form = SuppressionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        suppression, previous = suppressions.suppress(**form.cleaned_data)
        reason = suppression.get_reason_display().lower()
        if previous is None:
            messages.success(request, f"{suppression.email} is suppressed ({reason}): no marketing email goes to it.")
        elif previous == suppression.reason:
            messages.info(request, f"{suppression.email} was already suppressed ({reason}).")
        else:
            was = SuppressionReason(previous).label.lower()
            messages.success(request, f"{suppression.email} was suppressed ({was}); now recorded as {reason}.")
        return redirect("campaigns:suppressions")
    query = request.GET.get("q", "").strip()
    reason = request.GET.get("reason", "")
    reason = reason if reason in SuppressionReason.values else ""
    rows = selectors.suppressions_for(user=request.user, query=query, reason=reason)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "recruitment/suppressions.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "reason": reason,
            "reasons": SuppressionReason.choices,
            "liftable": suppressions.LIFTABLE,
        },
    )


@require_POST
@permission_required("recruitment.run_campaigns")
def suppression_lift(request, pk):
    suppression = selectors.suppression_for(user=request.user, pk=pk)
    try:
        suppressions.lift(suppression=suppression)
    except ValueError as exc:
        messages.error(request, f"{suppression.email}: {exc}")
    else:
        after = (
            "its consent applies again"
            if suppression.reason == SuppressionReason.BOUNCED
            else "its consent stays withdrawn until the person opts in again"
        )
        messages.success(request, f"{suppression.email} is off the list: {after}.")
    return redirect("campaigns:suppressions")
