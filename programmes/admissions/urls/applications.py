from django.urls import path

from programmes.admissions.views import applications as views

urlpatterns = [
    path("cohorts/<slug:slug>/apply/", views.application_start, name="application_start"),
    path("applications/<int:pk>/", views.application_tasks, name="application_tasks"),
    path("applications/<int:pk>/sections/<slug:section>/", views.application_section, name="application_section"),
    path("applications/<int:pk>/check/", views.application_check, name="application_check"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/respond/", views.application_respond, name="application_respond"),
    path("applications/<int:pk>/cv/", views.application_cv, name="application_cv"),
]
