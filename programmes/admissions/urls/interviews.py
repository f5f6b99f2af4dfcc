from django.urls import path

from programmes.admissions.views import interviews as views

urlpatterns = [
    path("setup/cohorts/<int:pk>/interviews/", views.interview_setup, name="interview_setup"),
    path("setup/cohorts/<int:pk>/interviews/invite/", views.interview_invite, name="interview_invite"),
    path("reviews/applications/<int:pk>/interview/", views.interview_score, name="interview_score"),
]
