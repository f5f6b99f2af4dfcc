from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import OutboxMessage


def _require_coordinator(user):
    if not (user.is_authenticated and user.is_coordinator):
        raise Http404


def outbox_for(*, user, status="", kind="", query=""):
    _require_coordinator(user)
    messages = OutboxMessage.objects.defer("body_text", "body_html", "attachments", "headers")
    if status:
        messages = messages.filter(status=status)
    if kind:
        messages = messages.filter(kind=kind)
    if query:
        messages = messages.filter(Q(to__icontains=query) | Q(subject__icontains=query))
    return messages


def outbox_message_for(*, user, pk):
    _require_coordinator(user)
    return get_object_or_404(OutboxMessage.objects, pk=pk)


def mailbox_messages(*, query=""):
    """The development mailbox: every stored email, newest first. Only routed outside production."""
    messages = OutboxMessage.objects.defer("body_text", "body_html", "attachments")
    if query:
        messages = messages.filter(to__icontains=query)
    return messages


def mailbox_message(*, pk):
    return get_object_or_404(OutboxMessage.objects, pk=pk)
