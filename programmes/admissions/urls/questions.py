from django.urls import path

from programmes.admissions.views import questions as views

urlpatterns = [
    path("setup/cohorts/<int:pk>/questions/", views.setup_questions, name="setup_questions"),
    path("setup/cohorts/<int:pk>/questions/<int:question_pk>/", views.setup_question_edit, name="setup_question_edit"),
    path(
        "setup/cohorts/<int:pk>/questions/<int:question_pk>/retire/",
        views.setup_question_retire,
        name="setup_question_retire",
    ),
    path(
        "setup/cohorts/<int:pk>/questions/<int:question_pk>/move/",
        views.setup_question_move,
        name="setup_question_move",
    ),
]
