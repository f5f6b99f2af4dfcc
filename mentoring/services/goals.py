"""A pair's goals: the mentee writes one to five at the first meeting, the mentor confirms them,
and either side marks a confirmed goal met."""

from django.db import transaction
from django.utils import timezone

from accounts.permissions import may

from ..models import Goal, Match, MatchState
from .matches import MatchRefused

MAX_GOALS = 5


def _locked(match, *, states=(MatchState.ACTIVE,)):
    locked = Match.objects.select_for_update().get(pk=match.pk)
    if locked.state not in states:
        raise MatchRefused(f"This match is {locked.get_state_display().lower()}; its goals can no longer change.")
    return locked


def add_goal(*, match, user, text):
    """The mentee writes a goal; the match row is locked so two tabs cannot pass the limit of five."""
    if not may(user, "mentoring.write_goals", match):
        raise MatchRefused("The mentee writes the goals; the mentor confirms them.")
    text = " ".join(text.split())
    if not text:
        raise MatchRefused("Please write the goal.")
    with transaction.atomic():
        locked = _locked(match)
        if locked.goals.count() >= MAX_GOALS:
            raise MatchRefused(f"A pair keeps to at most {MAX_GOALS} goals; mark one met or agree which matter most.")
        return Goal.objects.create(match=locked, text=text)


def remove_goal(*, goal, user):
    """The mentee may take back a goal until the mentor has confirmed it."""
    if not may(user, "mentoring.write_goals", goal.match):
        raise MatchRefused("Only the mentee changes the goals they wrote.")
    with transaction.atomic():
        _locked(goal.match)
        if Goal.objects.filter(pk=goal.pk, confirmed_at__isnull=False).exists():
            raise MatchRefused("Your mentor has confirmed this goal, so it stays; mark it met when it is.")
        Goal.objects.filter(pk=goal.pk).delete()


def confirm_goals(*, match, user, now=None):
    """The mentor confirms every goal the mentee has written so far; returns how many."""
    if not may(user, "mentoring.confirm_goals", match):
        raise MatchRefused("The mentor confirms the goals the mentee wrote.")
    with transaction.atomic():
        locked = _locked(match)
        confirmed = locked.goals.filter(confirmed_at__isnull=True).update(confirmed_at=now or timezone.now())
    if not confirmed:
        raise MatchRefused("There are no new goals to confirm.")
    return confirmed


def mark_goal_met(*, goal, user, now=None):
    """Either side marks a confirmed goal met, also after the match has ended; marking twice keeps the first date."""
    if not may(user, "mentoring.take_part_in_match", goal.match):
        raise MatchRefused("Only the mentee and mentor mark their goals met.")
    with transaction.atomic():
        _locked(goal.match, states=(MatchState.ACTIVE, MatchState.ENDED))
        locked = Goal.objects.select_for_update().get(pk=goal.pk)
        if locked.confirmed_at is None:
            raise MatchRefused("The mentor confirms a goal before it can be marked met.")
        if locked.met_at is None:
            locked.met_at = now or timezone.now()
            locked.save(update_fields=["met_at"])
    return locked
