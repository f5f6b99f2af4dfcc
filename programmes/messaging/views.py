"""Coordinators' cohort messages: write one, preview whom it reaches, confirm to send."""

from django.contrib import messages as flash
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from ftl_portal.confirmation import FINGERPRINT_FIELD, AudienceChanged
from programmes.messaging import emails, selectors, services
from programmes.messaging.forms import CohortMessageForm


@permission_required("messaging.message_cohort")
def message_list(request):
    return render(request, "messaging/list.html", {"cohort_messages": selectors.messages_for(user=request.user)[:50]})


@permission_required("messaging.message_cohort")
def message_new(request):
    # A session page links here with ?session=…&audience=… to start from that session.
    form = CohortMessageForm(request.POST or None, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            message = services.create_message(created_by=request.user, **form.cleaned_data)
        except services.MessageRefused as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("messaging:preview", pk=message.pk)
    return render(request, "messaging/new.html", {"form": form})


def _preview(request, message, *, changed=""):
    recipients = [] if message.sent_at else list(selectors.recipients_for(message))
    context = {
        "message": message,
        "recipients": recipients,
        "confirmation": emails.send_confirmation(message, recipients),
        "changed": changed,
    }
    return render(request, "messaging/preview.html", context)


@permission_required("messaging.message_cohort")
def message_preview(request, pk):
    return _preview(request, selectors.message_for(user=request.user, pk=pk))


@require_POST
@permission_required("messaging.message_cohort")
def message_send(request, pk):
    message = selectors.message_for(user=request.user, pk=pk)
    try:
        message, queued = services.send_message(message=message, audience=request.POST.get(FINGERPRINT_FIELD, ""))
    except AudienceChanged as exc:
        return _preview(request, message, changed=str(exc))
    except services.MessageRefused as exc:
        flash.error(request, str(exc))
    else:
        if queued:
            flash.success(request, f"Your message is on its way to {queued} {'person' if queued == 1 else 'people'}.")
        else:
            flash.info(request, "This message had already been sent; nobody was emailed again.")
    return redirect("messaging:preview", pk=pk)
