from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required

from . import selectors, services
from .models import MessageKind, MessageStatus
from .responses import sandboxed_html


@permission_required("outbox.watch_outbox")
def outbox_list(request):
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.outbox_for(user=request.user, status=status, kind=kind, query=query), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "outbox/list.html",
        {
            "page": page,
            "status": status,
            "kind": kind,
            "query": query,
            "statuses": MessageStatus.choices,
            "kinds": MessageKind.choices,
        },
    )


@permission_required("outbox.watch_outbox")
def outbox_detail(request, pk):
    message = selectors.outbox_message_for(user=request.user, pk=pk)
    return render(request, "outbox/detail.html", {"message": message})


@permission_required("outbox.watch_outbox")
def outbox_html(request, pk):
    message = selectors.outbox_message_for(user=request.user, pk=pk)
    return sandboxed_html(message.body_html)


@require_POST
@permission_required("outbox.watch_outbox")
def outbox_resend(request, pk):
    message = selectors.outbox_message_for(user=request.user, pk=pk)
    if services.resend(message=message):
        messages.success(request, f"The email to {message.to} is queued again.")
    else:
        messages.error(request, "Only a failed email can be resent.")
    return redirect("outbox:detail", pk=message.pk)
