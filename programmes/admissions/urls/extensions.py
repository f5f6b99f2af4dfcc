from django.urls import path

from programmes.admissions.views import extensions as views

urlpatterns = [
    path("setup/cohorts/<int:pk>/extensions/", views.setup_extensions, name="setup_extensions"),
    path(
        "setup/cohorts/<int:pk>/extensions/<int:extension_pk>/revoke/",
        views.setup_extension_revoke,
        name="setup_extension_revoke",
    ),
]
