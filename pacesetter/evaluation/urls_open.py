"""Public open-survey URLs (/s/<key>): a subject's QR poster, no token and no login."""
from django.urls import path

from .views import open as open_views

app_name = "survey"
urlpatterns = [
    path("thanks/", open_views.thanks, name="thanks"),
    path("<str:key>", open_views.vote, name="vote"),
]
