"""Moderation of the public's feedback (/commitments/feedback/); see urls.py."""
from django.urls import path

from .views import feedback

urlpatterns = [
    path("feedback/", feedback.FeedbackList.as_view(), name="feedback-list"),
    path("feedback/<int:pk>/moderate/", feedback.FeedbackModerate.as_view(), name="feedback-moderate"),
]
