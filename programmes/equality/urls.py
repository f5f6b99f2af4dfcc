from django.urls import path

from programmes.equality import views

app_name = "equality"

urlpatterns = [
    path("<int:cohort_id>/", views.questionnaire, name="questionnaire"),
    path("<int:cohort_id>/withdraw/", views.withdraw, name="withdraw"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:cohort_id>/", views.report, name="report"),
]
