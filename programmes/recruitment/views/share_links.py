"""Share links: coordinators make one per partner or channel; visitors who follow one land on the
cohort's page with its signed source, so the application they start is counted (no cookie, no pixel)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.permissions import permission_required
from ftl_portal.errors import PortalError
from programmes.cohorts import selectors as cohort_selectors
from programmes.recruitment import selectors
from programmes.recruitment.forms import ShareLinkForm
from programmes.recruitment.services import share_links as services


@permission_required("recruitment.run_campaigns")
def share_link_list(request, pk):
    cohort = cohort_selectors.cohort(user=request.user, pk=pk)
    form = ShareLinkForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.create_share_link(cohort=cohort, created_by=request.user, **form.cleaned_data)
        except PortalError as exc:
            form.add_error("slug", str(exc))
        else:
            messages.success(request, f"The share link for {link.label} is ready to copy.")
            return redirect("campaigns:share_links", pk=cohort.pk)
    return render(
        request,
        "recruitment/share_links.html",
        {"cohort": cohort, "form": form, "links": selectors.share_links(user=request.user, cohort=cohort)},
    )


def share_link_follow(request, slug):
    """Public: a share link's address. An unknown name still leads somewhere useful."""
    link = selectors.share_link_by_slug(slug)
    if link is None:
        return redirect("cohort_list")
    return redirect(services.landing_url(link))
