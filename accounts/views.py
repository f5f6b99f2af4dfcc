from allauth.account.utils import perform_login
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from programmes.cohorts import selectors as cohort_selectors

from . import dashboards, selectors, services
from .forms import AcceptInvitationForm, InvitationForm
from .permissions import permission_required


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    cohort = cohort_selectors.featured_cohort()
    page = cohort_selectors.public_page(cohort=cohort) if cohort else None
    return render(request, "pages/home.html", {"page": page})


def dashboard(request):
    if not request.user.is_authenticated:
        return redirect("account_login")
    template, context = dashboards.for_user(request.user)
    return render(request, template, context)


@permission_required("accounts.invite_people")
def invitation_list(request):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.invite(invited_by=request.user, **form.cleaned_data)
        messages.success(request, f"Invitation sent to {invitation.email}.")
        return redirect("invitation_list")
    invitations = selectors.invitations_for(user=request.user)[:200]
    return render(request, "accounts/invitations.html", {"form": form, "invitations": invitations})


@require_POST
@permission_required("accounts.invite_people")
def invitation_revoke(request, pk):
    invitation = selectors.invitation_for(user=request.user, pk=pk)
    services.revoke_invitation(invitation=invitation)
    messages.success(request, f"The invitation to {invitation.email} is withdrawn.")
    return redirect("invitation_list")


def invitation_accept(request, token):
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationError as exc:
        return render(request, "accounts/invitation_invalid.html", {"reason": str(exc)}, status=410)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                token=token, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password1"]
            )
        except services.InvitationError as exc:
            return render(request, "accounts/invitation_invalid.html", {"reason": str(exc)}, status=410)
        # Through allauth's login flow, so its stages and signals apply as to any other sign-in.
        messages.success(request, "Welcome to the FTL Portal. Your account is ready.")
        return perform_login(request, user, redirect_url=reverse("dashboard"))
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})
