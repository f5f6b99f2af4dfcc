from django.urls import path

from programmes.events.views import attendance, bookings, interviews, sessions

app_name = "sessions"

urlpatterns = [
    path("sessions/", bookings.schedule, name="schedule"),
    path("sessions/<int:pk>/", bookings.session_detail, name="detail"),
    path("sessions/<int:pk>/book/", bookings.book, name="book"),
    path("sessions/<int:pk>/access-needs/", bookings.access_needs, name="access_needs"),
    path("sessions/<int:pk>/cancel-booking/", bookings.cancel, name="cancel_booking"),
    path("sessions/<int:pk>/invite.ics", bookings.invite_download, name="invite"),
    path("sessions/<int:pk>/feedback/", bookings.feedback, name="feedback"),
    path("sessions/calendar/", bookings.feed_settings, name="feed_settings"),
    path("sessions/calendar/<str:token>.ics", bookings.feed, name="feed"),
    path("sessions/release/<str:token>/", bookings.release, name="release"),
    path("sessions/check-in/<str:token>/", attendance.self_check_in, name="self_check_in"),
    path("sessions/interviews/<int:cohort_pk>/", interviews.interview, name="interview"),
    path("sessions/interviews/<int:cohort_pk>/<int:pk>/book/", interviews.interview_book, name="interview_book"),
    path("sessions/interviews/<int:cohort_pk>/cancel/", interviews.interview_cancel, name="interview_cancel"),
    path("sessions/programme/interviews/<int:cohort_pk>/", interviews.interview_slots, name="interview_slots"),
    path(
        "sessions/programme/interviews/<int:cohort_pk>/news/",
        interviews.interview_slots_news,
        name="interview_slots_news",
    ),
    path("sessions/programme/", sessions.programme_week, name="programme_week"),
    path("sessions/programme/month/", sessions.programme_month, name="programme_month"),
    path("sessions/programme/attendance/", attendance.attendance_report, name="attendance_report"),
    path("sessions/programme/attendance.csv", attendance.attendance_report_csv, name="attendance_report_csv"),
    path("sessions/programme/new/", sessions.session_create, name="create"),
    path("sessions/programme/<int:pk>/", sessions.session_manage_detail, name="manage_detail"),
    path("sessions/programme/<int:pk>/edit/", sessions.session_edit, name="edit"),
    path("sessions/programme/<int:pk>/cancel/", sessions.session_cancel, name="cancel"),
    path("sessions/programme/<int:pk>/register/", sessions.session_register, name="register"),
    path("sessions/programme/<int:pk>/check-in-code/", attendance.check_in_code, name="check_in_code"),
    path(
        "sessions/programme/<int:pk>/register/<int:booking_pk>/access-note/",
        sessions.register_access_note,
        name="access_note",
    ),
    path(
        "sessions/programme/<int:pk>/register/<int:booking_pk>/check-in/",
        sessions.register_check_in,
        name="check_in",
    ),
]
