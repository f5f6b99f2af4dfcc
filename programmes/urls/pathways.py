from django.urls import path

from ..views import pathways as views

urlpatterns = [
    path("pathways/", views.pathway_list, name="pathway_list"),
    path("pathways/<slug:slug>/", views.pathway_detail, name="pathway_detail"),
]
