"""Reads for cohort messages: who a message goes to, and the messages coordinators see."""

from django.contrib.auth import get_user_model
from django.http import Http404

from accounts.permissions import require_or_404
from mentoring.models import Match, MatchState
from programmes.admissions.models import ApplicationState
from programmes.messaging.models import SESSION_AUDIENCES, Audience, CohortMessage


def recipients_for(message):
    """The people a message reaches now, by name. Never anyone who has erased their data (an
    inactive account)."""
    people = get_user_model().objects.filter(is_active=True)
    if message.audience in SESSION_AUDIENCES:
        people = people.filter(bookings__session=message.session, bookings__status=SESSION_AUDIENCES[message.audience])
    elif message.audience == Audience.UNIVERSITY:
        people = people.filter(
            applications__cohort=message.cohort,
            applications__partner=message.partner,
            applications__state=ApplicationState.CONFIRMED,
        )
    elif message.audience == Audience.MENTEES_WITHOUT_MEETING:
        waiting = Match.objects.filter(cohort=message.cohort, state=MatchState.ACTIVE, meetings__isnull=True)
        people = people.filter(mentor_matches__in=waiting)
    else:
        return people.none()
    return people.distinct().order_by("full_name", "email")


def messages_for(*, user):
    require_or_404(user, "messaging.message_cohort")
    return CohortMessage.objects.select_related("cohort", "session", "partner", "created_by")


def message_for(*, user, pk):
    message = messages_for(user=user).filter(pk=pk).first()
    if message is None:
        raise Http404("No such message.")
    return message
