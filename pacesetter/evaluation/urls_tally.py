"""Evaluation pages: tally (included by urls.py under the evaluation namespace)."""
from django.urls import path

from .views import tally

urlpatterns = [
    path("rounds/<int:pk>/tally/", tally.RoundTally.as_view(), name="tally"),
    path("rounds/<int:pk>/tally/progress/", tally.RoundTallyProgress.as_view(), name="tally_progress"),
]
