"""Evaluation pages: paper ballot counts, and the open survey's poster (included by urls.py
under the evaluation namespace; the public survey itself is urls_open.py)."""
from django.urls import path

from .views import open as open_views
from .views import paper

urlpatterns = [
    path("rounds/<int:pk>/paper/", paper.paper_list, name="paper"),
    path("rounds/<int:pk>/paper/<int:entry>/", paper.paper_entry, name="paper_entry"),
    path("rounds/<int:pk>/subjects/<int:subject>/poster/", open_views.poster, name="poster"),
]
