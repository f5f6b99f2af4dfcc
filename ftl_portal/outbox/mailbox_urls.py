from django.urls import path

from . import mailbox

app_name = "mailbox"
urlpatterns = [
    path("", mailbox.mailbox_index, name="index"),
    path("<int:pk>/", mailbox.mailbox_message, name="message"),
    path("<int:pk>/html/", mailbox.mailbox_html, name="html"),
]
