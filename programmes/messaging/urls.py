from django.urls import path

from programmes.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("new/", views.message_new, name="new"),
    path("<int:pk>/", views.message_preview, name="preview"),
    path("<int:pk>/send/", views.message_send, name="send"),
]
