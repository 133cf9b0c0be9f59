"""The dashboard's figures under /api/v1/commitments/dashboard/: what the dashboard page
shows, as JSON, over the same published items of the reader's view (commitments/dashboard.py)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from pacesetter.api.views import ApiView

from .. import dashboard
from ..queries import today
from .serializers import (
    DashboardFilterSerializer,
    DashboardSerializer,
    OverdueFilterSerializer,
    OverdueItemSerializer,
)
from .views import CommitmentsAutoSchema


class DashboardBase(ApiView, GenericAPIView):
    schema = CommitmentsAutoSchema()
    filter_class = DashboardFilterSerializer

    def items(self):
        """The published items the user sees in the campaign, narrowed by the filters."""
        params = {k: v.strip() for k, v in self.request.query_params.dict().items() if v.strip()}
        filters = self.filter_class(data=params, context=self.get_serializer_context())
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        items = dashboard.published_items(self.request.user, data["campaign"])
        return data, dashboard.filter_items(
            items, township=data.get("township", ""), sector=data.get("sector", ""), kind=data.get("kind", "")
        )


class DashboardView(DashboardBase):
    """Fulfilment of a campaign's published pledges in your view: in all, by township, by
    sector, organisations' against members' pledges, and deliveries per month. The rate is
    delivered ÷ (decided or past the deadline)."""

    serializer_class = DashboardSerializer

    @extend_schema(summary=_("Read the commitments dashboard's figures"), parameters=[DashboardFilterSerializer])
    def get(self, request, *args, **kwargs):
        data, items = self.items()
        day = today()
        townships = dashboard.by_township(items, day)
        figures = {
            "campaign": data["campaign"].pk, "day": day, "totals": _figures(dashboard.summed(townships)),
            "townships": [_figures(f) for f in townships],
            "sectors": [_figures(f) for f in dashboard.by_sector(items, day)],
            "kinds": [_figures(f) for f in dashboard.by_kind(items, day)],
            "months": [{"month": m, "delivered": n} for m, n in dashboard.monthly_deliveries(items)],
        }
        return Response(DashboardSerializer(figures).data)


class OverdueView(DashboardBase):
    """Open items of published pledges whose deadline has passed, in your view."""

    serializer_class = OverdueItemSerializer
    filter_class = OverdueFilterSerializer

    @extend_schema(summary=_("List overdue commitment items"), parameters=[OverdueFilterSerializer],
                   responses=OverdueItemSerializer(many=True))
    def get(self, request, *args, **kwargs):
        data, items = self.items()
        day = today()
        page = self.paginate_queryset(
            dashboard.overdue_items(items, day, data.get("sort", dashboard.DEFAULT_OVERDUE_SORT))
        )
        for item in page:
            item.days_overdue = dashboard.days_overdue(item, day)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def _figures(figures: dashboard.Figures) -> dict:
    return {**figures.__dict__, "rate": figures.rate}

