"""/api/v1/pairings/: the pairings the user sees (queries.pairings_visible_to), read-only,
filtered by kind and state; outside the user's view a pairing is a 404."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from pacesetter.api.viewsets import DomainViewSet, Listing, Reading

from ..queries import pairings_visible_to, with_parties
from .serializers import PairingFilterSerializer, PairingSerializer


@extend_schema_view(
    list=extend_schema(summary=_("List the pairings you see, newest first")),
    retrieve=extend_schema(summary=_("Read one pairing with its parties")),
)
class PairingViewSet(Listing, Reading, DomainViewSet):
    """Pairings (帮带结对) with their helper and helped parties, newest first."""

    serializer_class = PairingSerializer
    filter_serializer_class = PairingFilterSerializer
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return with_parties(pairings_visible_to(self.request.user)).order_by("-starts_on", "-id")

    def apply_filters(self, queryset, filters: dict):
        if kind := filters.get("pairing_kind"):
            queryset = queryset.filter(kind=kind)
        if state := filters.get("pairing_state"):
            queryset = queryset.filter(state=state)
        return queryset
