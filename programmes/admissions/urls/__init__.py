from django.urls import include, path

urlpatterns = [
    path("", include("programmes.admissions.urls.applications")),
    path("", include("programmes.admissions.urls.reviews")),
    path("", include("programmes.admissions.urls.assignments")),
    path("", include("programmes.admissions.urls.extensions")),
    path("", include("programmes.admissions.urls.questions")),
    path("", include("programmes.admissions.urls.notes")),
    path("", include("programmes.admissions.urls.interviews")),
]
