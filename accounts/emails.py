from django.conf import settings
from django.urls import reverse

from ftl_portal.outbox import services as outbox


def queue_invitation(*, invitation, token):
    outbox.queue_templated_email(
        key=f"invitation:{invitation.pk}",
        to=invitation.email,
        template="accounts/invitation",
        context={
            "invitation": invitation,
            "accept_url": settings.SITE_URL + reverse("invitation_accept", args=[token]),
        },
        source="invitation",
    )
