"""The development mailbox: read the portal's emails in the browser, like mailpit. Routed only
outside production (settings.FTL_MAILBOX_ENABLED)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from . import selectors
from .models import OutboxMessage
from .views import sandboxed_html


def mailbox_index(request):
    query = request.GET.get("to", "").strip()
    page = Paginator(selectors.mailbox_messages(query=query), 50).get_page(request.GET.get("page"))
    return render(request, "mailbox/index.html", {"page": page, "query": query})


def _message(pk):
    try:
        return OutboxMessage.objects.get(pk=pk)
    except OutboxMessage.DoesNotExist as exc:
        raise Http404 from exc


def mailbox_message(request, pk):
    return render(request, "mailbox/message.html", {"message": _message(pk)})


def mailbox_html(request, pk):
    return sandboxed_html(_message(pk).body_html)
