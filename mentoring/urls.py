from django.urls import path

from .views import matches, people, runs

app_name = "mentoring"

urlpatterns = [
    path("profile/", people.mentor_profile, name="mentor_profile"),
    path("mentees/", people.mentee_list, name="mentees"),
    path("profile/exclusions/", people.excluded_people_add, name="excluded_people_add"),
    path("profile/exclusions/<int:pk>/remove/", people.excluded_person_remove, name="excluded_person_remove"),
    path("preferences/", people.student_preferences, name="preferences"),
    path("matches/<int:pk>/", people.match_detail, name="match_detail"),
    path("matches/<int:pk>/decline/", people.match_decline, name="match_decline"),
    path("matches/<int:pk>/end/", people.match_end, name="match_end"),
    path("matches/<int:pk>/meetings/", people.meeting_add, name="meeting_add"),
    path("matches/<int:pk>/goals/", matches.goal_add, name="goal_add"),
    path("matches/<int:pk>/goals/confirm/", matches.goals_confirm, name="goals_confirm"),
    path("matches/<int:pk>/goals/<int:goal_pk>/met/", matches.goal_met, name="goal_met"),
    path("matches/<int:pk>/goals/<int:goal_pk>/remove/", matches.goal_remove, name="goal_remove"),
    path("feedback/<int:pk>/", people.feedback, name="feedback"),
    path("cohorts/", runs.cohort_list, name="cohorts"),
    path("cohorts/<slug:slug>/", runs.cohort_detail, name="cohort"),
    path("cohorts/<slug:slug>/rules/", runs.rule_add, name="rule_add"),
    path("rules/<int:pk>/remove/", runs.rule_remove, name="rule_remove"),
    path("runs/<int:pk>/", runs.run_detail, name="run_detail"),
    path("runs/<int:pk>/why-not/", runs.run_why_not, name="run_why_not"),
    path("runs/<int:pk>/progress/", runs.run_progress, name="run_progress"),
    path("runs/<int:pk>/publish/", runs.run_publish, name="run_publish"),
]
