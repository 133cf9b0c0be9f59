"""Public ballot URLs (/v/<token>): no login, kept apart from the staff pages."""
from django.urls import path

from .views import ballot

app_name = "ballot"
urlpatterns = [
    path("thanks/", ballot.thanks, name="thanks"),
    path("<str:token>", ballot.vote, name="vote"),
]
