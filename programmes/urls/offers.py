from django.urls import path

from ..views import offers

urlpatterns = [
    path("offers/<int:pk>/", offers.offer_respond, name="offer_respond"),
]
