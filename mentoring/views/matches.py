"""A match's goals: the mentee writes them, the mentor confirms them, either marks one met."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from .. import selectors
from ..forms import GoalForm
from ..services import goals as goal_services
from ..services.matches import MatchRefused


def _goal_of(request, pk, goal_pk):
    match = selectors.match_for(user=request.user, pk=pk)
    return match, get_object_or_404(match.goals.all(), pk=goal_pk)


def _run(request, back_to, action, success, **kwargs):
    try:
        action(user=request.user, **kwargs)
    except MatchRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("mentoring:match_detail", pk=back_to.pk)


@require_POST
@login_required
def goal_add(request, pk):
    match = selectors.match_for(user=request.user, pk=pk)
    form = GoalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please write the goal in up to 300 characters.")
        return redirect("mentoring:match_detail", pk=match.pk)
    return _run(request, match, goal_services.add_goal, "Goal added.", match=match, text=form.cleaned_data["text"])


@require_POST
@login_required
def goal_remove(request, pk, goal_pk):
    match, goal = _goal_of(request, pk, goal_pk)
    return _run(request, match, goal_services.remove_goal, "Goal removed.", goal=goal)


@require_POST
@login_required
def goals_confirm(request, pk):
    match = selectors.match_for(user=request.user, pk=pk)
    return _run(request, match, goal_services.confirm_goals, "Goals confirmed.", match=match)


@require_POST
@login_required
def goal_met(request, pk, goal_pk):
    match, goal = _goal_of(request, pk, goal_pk)
    return _run(request, match, goal_services.mark_goal_met, "Goal marked met. Well done!", goal=goal)
