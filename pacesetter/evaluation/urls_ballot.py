"""Public ballot URLs (/v/<token>): no login, kept apart from the staff pages."""
from django.urls import path

from .views import ballot

app_name = "ballot"
urlpatterns = [
    path("thanks/", ballot.thanks, name="thanks"),
    # Any path below /v/, slashes included: a token with a stray "/" or more after it (an SMS
    # app's link) must reach the view, which refuses it unlogged, not the resolver's 404,
    # which logs the path and so the token.
    path("<path:token>", ballot.vote, name="vote"),
]
