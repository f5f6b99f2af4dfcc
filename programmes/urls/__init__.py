from django.urls import include, path

# One module per concern; each owns its own URL prefix.
urlpatterns = [
    path("", include("programmes.urls.applications")),
    path("", include("programmes.urls.reviews")),
    path("", include("programmes.urls.sessions")),
    path("", include("programmes.urls.campaigns")),
    path("", include("programmes.urls.setup")),
    path("", include("programmes.urls.pathways")),
]
