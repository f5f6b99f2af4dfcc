from django.urls import path

from . import views

app_name = "completion"

urlpatterns = [
    path("completion/cohorts/<int:pk>/", views.cohort_progress, name="cohort"),
    path("completion/cohorts/<int:pk>/criteria/", views.criteria, name="criteria"),
    path("completion/cohorts/<int:pk>/check/", views.check_completions, name="check"),
    path("completion/cohorts/<int:pk>/email/", views.email_list, name="email_list"),
    path("completion/cohorts/<int:pk>/self-assessment/<slug:stage>/", views.self_assessment, name="assessment"),
    path("completion/certificates/<int:pk>/pdf/", views.certificate_download, name="certificate_pdf"),
    path("completion/certificates/<int:pk>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("certificates/verify/<str:code>/", views.verify, name="verify"),
]
