"""Starting a campaign's commitment review (评诺); see urls.py. The round it makes is run on
the evaluation pages."""
from django.urls import path

from .views import review_round

urlpatterns = [
    path("review/<int:pk>/start/", review_round.ReviewRoundCreate.as_view(), name="review-round-new"),
]
