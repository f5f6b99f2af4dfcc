from django.urls import path

from programmes.impact import views

app_name = "impact"

urlpatterns = [
    path("impact/", views.report_index, name="index"),
    path("impact/<slug:slug>/", views.report, name="report"),
    path("impact/<slug:slug>/report.csv", views.report_download, name="download"),
    path("follow-up/<str:token>/", views.follow_up, name="follow_up"),
    path("follow-up/<str:token>/withdraw/", views.follow_up_withdraw, name="withdraw"),
    path("follow-up/consent/<int:cohort_pk>/", views.consent, name="consent"),
]
