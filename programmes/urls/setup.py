from django.urls import path

from ..views import setup as views

urlpatterns = [
    path("setup/", views.setup_index, name="setup_index"),
    path("setup/partners/new/", views.setup_partner_edit, name="setup_partner_create"),
    path("setup/partners/<int:pk>/", views.setup_partner_edit, name="setup_partner_edit"),
    path("setup/cohorts/new/", views.setup_cohort_edit, name="setup_cohort_create"),
    path("setup/cohorts/<int:pk>/", views.setup_cohort_edit, name="setup_cohort_edit"),
    path("setup/cohorts/<int:pk>/extensions/", views.setup_extensions, name="setup_extensions"),
    path(
        "setup/cohorts/<int:pk>/extensions/<int:extension_pk>/revoke/",
        views.setup_extension_revoke,
        name="setup_extension_revoke",
    ),
    path("setup/pathways/new/", views.setup_pathway_edit, name="setup_pathway_create"),
    path("setup/pathways/<int:pk>/", views.setup_pathway_edit, name="setup_pathway_edit"),
]
