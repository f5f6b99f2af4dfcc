from django.urls import path

from programmes.admissions.views import decisions, reviews

urlpatterns = [
    path("reviews/", reviews.queue, name="review_queue"),
    path("reviews/export.csv", reviews.export, name="review_export"),
    path("reviews/calibration/", reviews.calibration, name="review_calibration"),
    path("reviews/applications/<int:pk>/", reviews.application_detail, name="review_application"),
    path("reviews/applications/<int:pk>/review/", reviews.review_submit, name="review_submit"),
    path("reviews/applications/<int:pk>/conflict/", reviews.review_conflict, name="review_conflict"),
    path("reviews/applications/<int:pk>/stage/", decisions.stage, name="decision_stage"),
    path("reviews/applications/<int:pk>/unstage/", decisions.unstage, name="decision_unstage"),
    path("reviews/decisions/", decisions.board, name="decision_board"),
    path("reviews/decisions/<int:pk>/release/", decisions.release, name="decision_release"),
    path("reviews/funnel/", decisions.funnel, name="applications_funnel"),
]
