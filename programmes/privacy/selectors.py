"""Reads, scoped to who is asking: a bundle is seen by its person, the coordinator who asked for it,
or (a prospect's, with no account) whoever holds its unguessable token."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import AccessEvent
from accounts.permissions import may, require_or_404
from programmes.privacy.models import DataRequest, ExportBundle


def bundle_for(user, token):
    bundle = get_object_or_404(ExportBundle.objects.select_related("person"), token=token)
    if bundle.person is None and bundle.request_id is None:
        return bundle
    if user.is_authenticated and (bundle.person_id == user.pk or may(user, "privacy.manage_requests")):
        return bundle
    raise Http404


def own_bundles(user):
    return ExportBundle.objects.filter(person=user)


def data_requests(user):
    require_or_404(user, "privacy.manage_requests")
    return DataRequest.objects.select_related("person", "created_by")


def data_request(user, pk):
    return get_object_or_404(data_requests(user), pk=pk)


def access_events(user, *, what=""):
    require_or_404(user, "privacy.read_access_log")
    events = AccessEvent.objects.select_related("actor__partner", "subject")
    return events.filter(what=what) if what else events


def access_kinds(user):
    require_or_404(user, "privacy.read_access_log")
    return AccessEvent.objects.order_by("what").values_list("what", flat=True).distinct()
