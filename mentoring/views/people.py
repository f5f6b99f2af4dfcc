"""Mentors' profiles, students' preferences, a match's page, meetings, decline, end, surveys."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import may, permission_required

from .. import selectors
from ..forms import (
    ExcludePeopleForm,
    FeedbackForm,
    GoalForm,
    MeetingForm,
    MentorProfileForm,
    PeopleSearchForm,
    PreferenceForm,
    ReasonForm,
)
from ..services import matches as match_services
from ..services import profiles


def _split(form):
    data = dict(form.cleaned_data)
    return {k: v for k, v in data.items() if k not in form.MANY}, {k: data[k] for k in form.MANY}


@permission_required("mentoring.keep_mentor_profile")
def mentor_profile(request):
    profile = selectors.mentor_profile_for(user=request.user)
    form = MentorProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        fields, many = _split(form)
        profiles.save_mentor_profile(user=request.user, fields=fields, **many)
        messages.success(request, "Your mentor profile is saved.")
        return redirect("dashboard")
    search = PeopleSearchForm(request.GET)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    context = {
        "form": form,
        "title": "Your mentor profile",
        "profile": profile,
        "search": search,
        "q": q.strip(),
        "min_length": selectors.SEARCH_MIN_LENGTH,
        "excluded": selectors.excluded_people_of(profile=profile),
        "results": selectors.exclusion_search(mentor=request.user, profile=profile, q=q),
    }
    return render(request, "mentoring/profile_form.html", context)


@require_POST
@permission_required("mentoring.keep_mentor_profile")
def excluded_people_add(request):
    form = ExcludePeopleForm(request.POST, pool=selectors.exclusion_pool(mentor=request.user))
    if not form.is_valid():
        messages.error(request, "Tick at least one of the people found to add them.")
    else:
        try:
            profiles.exclude_people(user=request.user, people=form.cleaned_data["people"])
        except profiles.ProfileRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Saved: you will not be matched with them.")
    return redirect("mentoring:mentor_profile")


@require_POST
@permission_required("mentoring.keep_mentor_profile")
def excluded_person_remove(request, pk):
    try:
        profiles.include_person(user=request.user, person_id=pk)
    except profiles.ProfileRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Removed from the people you are not matched with.")
    return redirect("mentoring:mentor_profile")


@permission_required("mentoring.state_preferences")
def student_preferences(request):
    form = PreferenceForm(request.POST or None, instance=selectors.preference_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        fields, many = _split(form)
        profiles.save_preferences(student=request.user, fields=fields, **many)
        messages.success(request, "Your mentoring preferences are saved.")
        return redirect("dashboard")
    return render(request, "mentoring/profile_form.html", {"form": form, "title": "Your mentoring preferences"})


def _match_page(request, match, meeting_form=None, status=200):
    context = {
        "match": match,
        "meetings": selectors.meetings_for(user=request.user, match=match),
        "meeting_count": match.meetings.count(),
        "feedback": selectors.feedback_of(user=request.user, match=match),
        "goals": selectors.goals_of(user=request.user, match=match),
        **selectors.progress_of(match=match),
        "goal_form": GoalForm(),
        "meeting_form": meeting_form or MeetingForm(),
        "reason_form": ReasonForm(),
        "is_party": may(request.user, "mentoring.take_part_in_match", match),
        "may_write_goals": may(request.user, "mentoring.write_goals", match),
        "may_confirm_goals": may(request.user, "mentoring.confirm_goals", match),
    }
    return render(request, "mentoring/match_detail.html", context, status=status)


@login_required
def match_detail(request, pk):
    return _match_page(request, selectors.match_for(user=request.user, pk=pk))


def _act(request, pk, action, success):
    match = selectors.match_for(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please give a reason.")
        return redirect("mentoring:match_detail", pk=match.pk)
    try:
        action(match=match, user=request.user, reason=form.cleaned_data["reason"])
    except match_services.MatchRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("mentoring:match_detail", pk=match.pk)


@require_POST
@login_required
def match_decline(request, pk):
    return _act(request, pk, match_services.decline_match, "You declined the match; the coordinator will rematch.")


@require_POST
@login_required
def match_end(request, pk):
    return _act(request, pk, match_services.end_match, "The match has ended.")


@require_POST
@login_required
def meeting_add(request, pk):
    match = selectors.match_for(user=request.user, pk=pk)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            match_services.log_meeting(match=match, user=request.user, **form.cleaned_data)
        except match_services.MatchRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Meeting logged.")
        return redirect("mentoring:match_detail", pk=match.pk)
    return _match_page(request, match, meeting_form=form, status=400)


@login_required
def feedback(request, pk):
    survey = selectors.survey_for(user=request.user, pk=pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            match_services.submit_feedback(feedback=survey, user=request.user, **form.cleaned_data)
        except match_services.MatchRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Thank you for your feedback.")
        return redirect("dashboard")
    return render(request, "mentoring/feedback_form.html", {"form": form, "survey": survey})


@permission_required("mentoring.keep_mentor_profile")
def mentee_list(request):
    """A mentor's mentees, with the meetings and surveys due: the dashboard's panel on its own page."""
    return render(request, "mentoring/mentees.html")
