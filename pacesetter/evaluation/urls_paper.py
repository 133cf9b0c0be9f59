"""Evaluation pages: paper (included by urls.py under the evaluation namespace)."""
from django.urls import path  # noqa: F401

urlpatterns = []
