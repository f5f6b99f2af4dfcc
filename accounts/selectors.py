from django.http import Http404

from .models import Invitation


def invitations_for(*, user):
    if not user.is_coordinator:
        raise Http404
    return Invitation.objects.select_related("partner", "invited_by", "accepted_user")


def invitation_for(*, user, pk):
    try:
        return invitations_for(user=user).get(pk=pk)
    except Invitation.DoesNotExist as exc:
        raise Http404 from exc
