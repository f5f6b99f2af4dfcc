from django.urls import path

from . import views

app_name = "outbox"
urlpatterns = [
    path("", views.outbox_list, name="list"),
    path("<int:pk>/", views.outbox_detail, name="detail"),
    path("<int:pk>/html/", views.outbox_html, name="html"),
    path("<int:pk>/resend/", views.outbox_resend, name="resend"),
]
