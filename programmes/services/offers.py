"""A student's answer to an offer: accept or decline before the response deadline."""

from django.utils import timezone

from ..models import ApplicationState as S
from .applications import TransitionRefused, set_state


def respond_to_offer(*, application, student, accept):
    if (
        application.state == S.OFFERED
        and application.offer_expires_at
        and application.offer_expires_at <= timezone.now()
    ):
        raise TransitionRefused("This offer has expired: the response deadline has passed.")
    return set_state(
        application=application,
        to_state=S.CONFIRMED if accept else S.DECLINED,
        actor=student,
        reason="" if accept else "Declined by the student",
    )
