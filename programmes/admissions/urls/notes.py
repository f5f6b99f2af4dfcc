from django.urls import path

from programmes.admissions.views import notes as views

urlpatterns = [
    path("reviews/applications/<int:pk>/notes/", views.note_add, name="application_note_add"),
    path(
        "reviews/applications/<int:pk>/notes/<int:note_pk>/delete/", views.note_delete, name="application_note_delete"
    ),
    path("reviews/applications/<int:pk>/tags/", views.tag_add, name="application_tag_add"),
    path("reviews/applications/<int:pk>/tags/remove/", views.tag_remove, name="application_tag_remove"),
]
