"""The development mailbox: read the portal's emails in the browser, like mailpit. Routed only
outside production (settings.FTL_MAILBOX_ENABLED)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from . import selectors
from .views import sandboxed_html


def mailbox_index(request):
    query = request.GET.get("to", "").strip()
    page = Paginator(selectors.mailbox_messages(query=query), 50).get_page(request.GET.get("page"))
    return render(request, "mailbox/index.html", {"page": page, "query": query})


def mailbox_message(request, pk):
    return render(request, "mailbox/message.html", {"message": selectors.mailbox_message(pk=pk)})


def mailbox_html(request, pk):
    return sandboxed_html(selectors.mailbox_message(pk=pk).body_html)
