"""/api/v1/ endpoints of the four comparisons (included by pacesetter/api/urls.py into the `api` namespace)."""
from django.urls import path

from .views import HistoryView, OutsideView, PeersView, WithinView

urlpatterns = [
    path("comparisons/history/<code:code>/", HistoryView.as_view(), name="comparison-history"),
    path("comparisons/peers/<code:code>/", PeersView.as_view(), name="comparison-peers"),
    path("comparisons/within/<code:code>/", WithinView.as_view(), name="comparison-within"),
    path("comparisons/outside/", OutsideView.as_view(), name="comparison-outside"),
]
