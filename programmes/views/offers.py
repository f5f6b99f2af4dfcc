from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.permissions import role_required

from ..models import Application
from ..models import ApplicationState as S
from ..services.applications import TransitionRefused
from ..services.offers import respond_to_offer


@role_required("student")
def offer_respond(request, pk):
    """The student's own offer: accept or decline it before the deadline."""
    application = get_object_or_404(Application.objects.select_related("cohort"), pk=pk, student=request.user)
    if application.state not in {S.OFFERED, S.CONFIRMED, S.DECLINED}:
        raise Http404
    if request.method == "POST" and application.state == S.OFFERED:
        answer = request.POST.get("answer")
        if answer not in {"accept", "decline"}:
            messages.error(request, "Choose whether to accept or decline the place.")
        else:
            try:
                application = respond_to_offer(application=application, student=request.user, accept=answer == "accept")
            except TransitionRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    "Your place is confirmed. Welcome to the programme!"
                    if answer == "accept"
                    else "You have declined the place. Thank you for letting us know.",
                )
            return redirect("offer_respond", pk=application.pk)
    return render(request, "programmes/offers/respond.html", {"application": application})
