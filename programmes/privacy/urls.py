from django.urls import path

from programmes.privacy import views

app_name = "privacy"

# Under /privacy/; /privacy/ itself is the privacy notice (ftl_portal/urls.py).
urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/delete-account/", views.erase_account, name="erase_account"),
    path("mailing-list-data/", views.prospect_request, name="prospect_request"),
    path("mailing-list-data/<str:token>/", views.prospect_link, name="prospect_link"),
    path("exports/<str:token>/", views.bundle, name="bundle"),
    path("exports/<str:token>/download/", views.bundle_download, name="bundle_download"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/export/", views.request_export, name="request_export"),
    path("requests/<int:pk>/erase/", views.request_erase, name="request_erase"),
    path("access-log/", views.access_log, name="access_log"),
]
