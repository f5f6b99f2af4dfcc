from django.urls import path

from programmes.retention import views

urlpatterns = [
    path("setup/retention/", views.retention_index, name="retention_index"),
    path("setup/retention/dry-run/", views.retention_dry_run, name="retention_dry_run"),
    path("setup/retention/run/", views.retention_run, name="retention_run"),
    path("setup/retention/cohorts/<int:cohort_pk>/", views.retention_schedule, name="retention_schedule"),
]
