"""Public open-survey URLs (/s/<key>): a subject's QR poster, no token and no login."""
from django.urls import path  # noqa: F401

app_name = "survey"
urlpatterns = []
