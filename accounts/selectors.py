from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Invitation


def invitations_for(*, user):
    if not user.is_coordinator:
        raise Http404
    return Invitation.objects.select_related("partner", "invited_by", "accepted_user")


def invitation_for(*, user, pk):
    return get_object_or_404(invitations_for(user=user), pk=pk)
