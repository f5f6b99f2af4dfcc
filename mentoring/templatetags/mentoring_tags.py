from django import template

from accounts.permissions import may

from .. import selectors
from ..models import MatchState

register = template.Library()


@register.simple_tag
def mentoring_panel(user):
    """What a mentor's or student's dashboard shows about mentoring."""
    matches = list(selectors.matches_for(user=user))
    return {
        "active": [m for m in matches if m.state == MatchState.ACTIVE],
        "past": [m for m in matches if m.state != MatchState.ACTIVE],
        "profile": selectors.mentor_profile_for(user=user) if may(user, "mentoring.keep_mentor_profile") else None,
        "preference": selectors.preference_for(user=user) if may(user, "mentoring.state_preferences") else None,
        "surveys": list(selectors.open_surveys_for(user=user)),
    }


@register.simple_tag
def mentoring_cohorts(user):
    return selectors.cohorts_for(user=user)


@register.simple_tag
def pathway_mentors(pathway):
    return list(selectors.public_mentors_on_pathway(pathway=pathway))


@register.filter
def hours(minutes):
    """Mentoring minutes as hours for people: "0 hours", "1 hour", "2.5 hours"."""
    value = round((minutes or 0) / 60, 1)
    shown = f"{value:g}"
    return f"{shown} hour" if shown == "1" else f"{shown} hours"
