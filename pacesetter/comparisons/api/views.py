"""/api/v1/comparisons/: the four comparisons, read-only, with the pages' visibility.

An organisation outside the user's view is a 404 like a missing one, and so is a round
that is not among the user's released rounds."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from pacesetter.api.pagination import Pagination
from pacesetter.api.schema import VALIDATION_ERROR_SCHEMA
from pacesetter.api.views import ApiView
from pacesetter.honours.queries import honours_summary
from pacesetter.orgs.queries import organizations_visible_to
from pacesetter.orgs.validators import CODE_PATTERN

from .. import queries
from .serializers import (
    GroupSerializer,
    HistoryFilterSerializer,
    HistorySerializer,
    OutsideFilterSerializer,
    PeersSerializer,
    RoundFilterSerializer,
    UnitSerializer,
    WithinFilterSerializer,
)

INVALID = OpenApiResponse(VALIDATION_ERROR_SCHEMA, description=_("Invalid input."))


class ComparisonView(ApiView, GenericAPIView):
    """Read-only comparisons of released results."""

    lookup_value_regex = CODE_PATTERN

    def organization(self):
        return get_object_or_404(organizations_visible_to(self.request.user), code=self.kwargs["code"])

    def filters(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def released_round(self, wanted: int | None, org=None):
        """The round asked for among the user's released rounds (evaluating `org`), else the newest."""
        rounds = queries.released_rounds_visible_to(self.request.user)
        if org is not None:
            rounds = rounds.filter(subjects__organization=org, subjects__member__isnull=True)
        round_ = rounds.filter(pk=wanted).first() if wanted else rounds.first()
        if round_ is None:
            raise Http404
        return round_


class HistoryView(ComparisonView):
    """Over time: composite score, grade, ranks and percentile of the organisation in every
    released round that evaluated it, oldest first."""

    serializer_class = HistorySerializer

    @extend_schema(summary=_("An organisation's results across released rounds, oldest first"),
                   parameters=[HistoryFilterSerializer], responses={200: HistorySerializer, 400: INVALID})
    def get(self, request, code):
        org = self.organization()
        rows = queries.history(org, kind=self.filters(HistoryFilterSerializer).get("kind", ""))
        honours = honours_summary(org)["honours"]
        return Response(HistorySerializer({"code": org.code, "name": org.name, "rounds": rows, "honours": honours},
                                          context={"request": request}).data)


class PeersView(ComparisonView):
    """Across peers: the organisation's rank and percentile in its peer group (same sector
    and level), the group's quartiles and score bins (for groups of at least 3 ranked), and
    the peers you can see ranked around it. 404 if it was not evaluated in the round."""

    serializer_class = PeersSerializer

    @extend_schema(summary=_("An organisation's place in its peer group in a round, and the group's distribution"),
                   parameters=[RoundFilterSerializer], responses={200: PeersSerializer, 400: INVALID})
    def get(self, request, code):
        org = self.organization()
        round_ = self.released_round(self.filters(RoundFilterSerializer).get("round"), org)
        position = queries.peer_position(request.user, org, round_)
        if position is None:
            raise Http404
        bins = [{"low": low, "high": high, "count": count} for low, high, count in position.bins]
        return Response(PeersSerializer({
            "round": round_, "result": position.result, "percentile": position.percentile,
            "summary": position.summary, "bins": bins, "neighbours": position.neighbours,
        }).data)


class WithinView(ComparisonView):
    """Within the unit: the organisation's direct subordinates (or every unit of `level`
    below it) with their results in the round, best composite first."""

    serializer_class = UnitSerializer
    pagination_class = Pagination

    @extend_schema(summary=_("The units below an organisation side by side in a round, best first"),
                   parameters=[WithinFilterSerializer], responses={200: UnitSerializer(many=True), 400: INVALID})
    def get(self, request, code):
        org = self.organization()
        filters = self.filters(WithinFilterSerializer)
        round_ = self.released_round(filters.get("round"))
        ids, _summary = queries.within_ranking(org, round_, **{k: filters.get(k, "") for k in ("level", "sector",
                                                                                               "township")})
        page = queries.results_in_order(self.paginate_queryset(ids))
        return self.get_paginated_response(UnitSerializer(page, many=True).data)


class OutsidePagination(Pagination):
    """A page of groups, headed by the round, the grouping and the county's figures."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data = {**self.header, **response.data}
        return response

    def get_paginated_response_schema(self, schema):
        wrapped = super().get_paginated_response_schema(schema)
        wrapped["properties"] = {
            "round": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
            "by": {"type": "string"},
            "county": {"$ref": "#/components/schemas/Group"},
            **wrapped["properties"],
        }
        return wrapped


class OutsideView(ComparisonView):
    """With outside units: per township (or sector) the organisations, scored ones, mean
    composite, its difference from the county mean, rank and grade counts; groups of fewer
    than 3 scored show no figures. The county's figures head the page."""

    serializer_class = GroupSerializer
    pagination_class = OutsidePagination

    @extend_schema(summary=_("Townships or sectors against the county in a round"),
                   parameters=[OutsideFilterSerializer], responses={200: GroupSerializer(many=True), 400: INVALID})
    def get(self, request):
        filters = self.filters(OutsideFilterSerializer)
        round_ = self.released_round(filters.get("round"))
        groups, county = queries.outside(round_, by=filters["by"], sector=filters.get("sector", ""),
                                         level=filters.get("level", ""), township=filters.get("township", ""))
        self.paginator.header = {"round": {"id": round_.pk, "name": round_.name}, "by": filters["by"],
                                 "county": GroupSerializer(county).data}
        page = self.paginate_queryset(groups)
        return self.get_paginated_response(GroupSerializer(page, many=True).data)
