from django.urls import path

from programmes.admissions.views import assignments

urlpatterns = [
    path("reviews/assignments/", assignments.mine, name="my_assignments"),
    path("reviews/assignments/manage/", assignments.manage, name="assignments_manage"),
    path("reviews/assignments/manage/auto/", assignments.auto, name="assignments_auto"),
    path("reviews/assignments/manage/by-hand/", assignments.by_hand, name="assignments_by_hand"),
    path("reviews/assignments/<int:pk>/reassign/", assignments.reassign, name="assignment_reassign"),
    path("reviews/assignments/<int:pk>/remove/", assignments.remove, name="assignment_remove"),
    path("reviews/reviewers/<int:pk>/profile/", assignments.reviewer_profile, name="reviewer_profile"),
]
