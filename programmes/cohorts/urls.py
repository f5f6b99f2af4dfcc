from django.urls import path

from programmes.cohorts.views import marks, pathways, public, setup

urlpatterns = [
    path("setup/", setup.setup_index, name="setup_index"),
    path("setup/partners/new/", setup.setup_partner_edit, name="setup_partner_create"),
    path("setup/partners/<int:pk>/", setup.setup_partner_edit, name="setup_partner_edit"),
    path("setup/cohorts/new/", setup.setup_cohort_edit, name="setup_cohort_create"),
    path("setup/cohorts/<int:pk>/", setup.setup_cohort_edit, name="setup_cohort_edit"),
    path("setup/cohorts/<int:pk>/public-page/", setup.setup_public_page, name="setup_public_page"),
    path("setup/pathways/new/", setup.setup_pathway_edit, name="setup_pathway_create"),
    path("setup/pathways/<int:pk>/", setup.setup_pathway_edit, name="setup_pathway_edit"),
    path("partners/<slug:slug>/mark/", marks.partner_mark, name="partner_mark"),
    path("cohorts/", public.cohort_list, name="cohort_list"),
    path("cohorts/<slug:slug>/", public.cohort_detail, name="cohort_detail"),
    path("pathways/", pathways.pathway_list, name="pathway_list"),
    path("pathways/<slug:slug>/", pathways.pathway_detail, name="pathway_detail"),
]
