"""Pairs that have gone quiet: no meeting for 21 days since the match began or since their last
meeting. Each quiet spell nudges both sides once; the email key names the day the spell began."""

from django.db.models import Max, Q
from django.utils import timezone

from .. import emails
from ..models import QUIET_AFTER, Match, MatchState


def nudge_quiet_pairs(*, now=None):
    """The beat scan: queue a nudge to both sides of every active pair quiet for 21 days or more
    while its programme runs. A re-run finds the same key and queues nothing; returns emails queued."""
    today = timezone.localdate(now or timezone.now())
    cutoff = today - QUIET_AFTER
    matches = (
        Match.objects.filter(state=MatchState.ACTIVE, cohort__programme_ends_on__gte=today)
        .annotate(last_met=Max("meetings__met_on"))
        .filter(Q(last_met__isnull=True) | Q(last_met__lte=cutoff))
        .select_related("student", "mentor")
    )
    queued = 0
    for match in matches:
        since = match.quiet_since(match.last_met)
        if since <= cutoff:
            days = (today - since).days
            queued += emails.queue_nudge(match=match, since=since, days=days, have_met=bool(match.last_met))
    return queued
