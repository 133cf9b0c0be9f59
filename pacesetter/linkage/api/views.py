"""/api/v1/affiliate-units/, /api/v1/affiliate-honours/, /api/v1/joint-activities/ and
/api/v1/affiliate-coverage/: the affiliate units linked to party organisations, their
honours, their joint activities (photos are added on the pages) and the coverage counts.

Reads go through the visibility queries (outside: 404): county admins, organisation
admins, affiliate admins and inspectors see the units of their subtrees. Writes go through
the domain functions after a rules check (refused: 403): units by county and organisation
admins; honours and activities also by affiliate admins, for their own units."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response

from pacesetter.api.viewsets import DomainViewSet, Listing, Reading, call

from .. import domain
from .. import rules as l_rules
from ..queries import (
    activities_visible_to,
    coverage,
    covered_organizations,
    honours_visible_to,
    units_visible_to,
)
from .serializers import (
    ActivityFilterSerializer,
    ActivitySerializer,
    ActivityWriteSerializer,
    AffiliateUnitSerializer,
    CoverageFilterSerializer,
    CoverageRowSerializer,
    HonourFilterSerializer,
    HonourSerializer,
    HonourWriteSerializer,
    UnitFilterSerializer,
    UnitWriteSerializer,
    coverage_row,
)

UNIT_ERRORS = {"code_*": "code", "kind_invalid": "affiliate_kind", "organization_inactive": "organization",
               "required": "name", "too_long": "name", "count_invalid": "members_count", "date_future": "established"}
HONOUR_ERRORS = {"year_invalid": "year", "recipient_invalid": "recipient", "person_*": "person_name",
                 "required": "title", "too_long": "title"}
ACTIVITY_ERRORS = {"units_required": "units", "unit_outside": "units", "date_future": "held_on",
                   "required": "title", "too_long": "title", "count_invalid": "participants"}
WRITE_METHODS = ["get", "post", "patch", "head", "options"]


def _unit_args(data: dict) -> dict:
    data = dict(data)
    data["kind"] = data.pop("affiliate_kind")
    return data


@extend_schema_view(
    list=extend_schema(summary=_("List affiliate units"), parameters=[UnitFilterSerializer]),
    retrieve=extend_schema(summary=_("Read an affiliate unit")),
)
class AffiliateUnitViewSet(Listing, Reading, DomainViewSet):
    """Youth League, trade union and women's federation units, each linked to the party
    organisation that leads it; township and sector are the party organisation's."""

    serializer_class = AffiliateUnitSerializer
    filter_serializer_class = UnitFilterSerializer
    http_method_names = WRITE_METHODS
    create_predicate = l_rules.can_manage_units
    predicates = {"partial_update": l_rules.can_edit_unit}

    def get_queryset(self):
        return units_visible_to(self.request.user).select_related("organization").order_by("organization__path",
                                                                                            "kind", "code")

    def apply_filters(self, queryset, filters):
        if "affiliate_kind" in filters:
            queryset = queryset.filter(kind=filters["affiliate_kind"])
        if "township" in filters:
            queryset = queryset.filter(organization__township=filters["township"])
        if "organization_sector" in filters:
            queryset = queryset.filter(organization__sector=filters["organization_sector"])
        if "organization" in filters:
            queryset = queryset.filter(organization__code=filters["organization"])
        return queryset

    @extend_schema(summary=_("Add an affiliate unit to a party organisation"), request=UnitWriteSerializer,
                   responses={201: AffiliateUnitSerializer})
    def create(self, request, *args, **kwargs):
        data = _unit_args(self.input(UnitWriteSerializer))
        data.pop("active")
        unit = call(domain.create_unit, by=request.user, errors=UNIT_ERRORS, **data)
        return self.created(self.fresh(unit))

    @extend_schema(summary=_("Change an affiliate unit (its code stays)"), request=UnitWriteSerializer,
                   responses=AffiliateUnitSerializer)
    def partial_update(self, request, *args, **kwargs):
        unit = self.get_object()
        current = {"kind": unit.kind, "name": unit.name, "organization": unit.organization,
                   "members_count": unit.members_count, "head_name": unit.head_name,
                   "established": unit.established, "active": unit.active}
        given = self.input(UnitWriteSerializer, partial=True)
        if "affiliate_kind" in given:
            given["kind"] = given.pop("affiliate_kind")
        given.pop("code", None)
        data = current | given
        call(domain.update_unit, unit, by=request.user, errors=UNIT_ERRORS, **data)
        return Response(self.fresh(unit))


@extend_schema_view(
    list=extend_schema(summary=_("List affiliate honours"), parameters=[HonourFilterSerializer]),
    retrieve=extend_schema(summary=_("Read an affiliate honour")),
)
class AffiliateHonourViewSet(Listing, Reading, DomainViewSet):
    """Honours of the affiliates' own systems (五四红旗团支部, 模范职工之家, 三八红旗手…), newest first."""

    serializer_class = HonourSerializer
    filter_serializer_class = HonourFilterSerializer
    http_method_names = WRITE_METHODS
    predicates = {"partial_update": l_rules.can_edit_honour}

    def may_create(self, user) -> bool:
        return l_rules.can_record_for(user)

    def get_queryset(self):
        return honours_visible_to(self.request.user).select_related("unit").order_by("-year", "-id")

    def apply_filters(self, queryset, filters):
        if "unit" in filters:
            queryset = queryset.filter(unit__code=filters["unit"])
        if "year" in filters:
            queryset = queryset.filter(year=filters["year"])
        return queryset

    @extend_schema(summary=_("Record an honour of an affiliate unit"), request=HonourWriteSerializer,
                   responses={201: HonourSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(HonourWriteSerializer)
        honour = call(domain.add_honour, data.pop("unit"), by=request.user, errors=HONOUR_ERRORS, **data)
        return self.created(self.fresh(honour))

    @extend_schema(summary=_("Change an honour"), request=HonourWriteSerializer, responses=HonourSerializer)
    def partial_update(self, request, *args, **kwargs):
        honour = self.get_object()
        current = {"year": honour.year, "title": honour.title, "recipient": honour.recipient,
                   "person_name": honour.person_name, "awarded_by": honour.awarded_by}
        given = self.input(HonourWriteSerializer, partial=True)
        given.pop("unit", None)
        data = current | given
        call(domain.update_honour, honour, by=request.user, errors=HONOUR_ERRORS, **data)
        return Response(self.fresh(honour))


@extend_schema_view(
    list=extend_schema(summary=_("List joint activities"), parameters=[ActivityFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a joint activity with its photos")),
)
class JointActivityViewSet(Listing, Reading, DomainViewSet):
    """Activities a party organisation held with its affiliates (联建活动), newest first."""

    serializer_class = ActivitySerializer
    filter_serializer_class = ActivityFilterSerializer
    http_method_names = WRITE_METHODS
    predicates = {"partial_update": l_rules.can_edit_activity}

    def may_create(self, user) -> bool:
        return l_rules.can_record_for(user)

    def get_queryset(self):
        return activities_visible_to(self.request.user).select_related("organization").prefetch_related(
            "units", "photos").order_by("-held_on", "-id")

    def apply_filters(self, queryset, filters):
        if "organization" in filters:
            queryset = queryset.filter(organization__code=filters["organization"])
        if "year" in filters:
            queryset = queryset.filter(held_on__year=filters["year"])
        return queryset

    @extend_schema(summary=_("Record a joint activity (photos are added on its page)"),
                   request=ActivityWriteSerializer, responses={201: ActivitySerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(ActivityWriteSerializer)
        activity = call(domain.record_activity, data.pop("organization"), by=request.user, errors=ACTIVITY_ERRORS,
                        **data)
        return self.created(self.fresh(activity))

    @extend_schema(summary=_("Change a joint activity"), request=ActivityWriteSerializer,
                   responses=ActivitySerializer)
    def partial_update(self, request, *args, **kwargs):
        activity = self.get_object()
        current = {"units": list(activity.units.all()), "held_on": activity.held_on, "title": activity.title,
                   "description": activity.description, "participants": activity.participants}
        given = self.input(ActivityWriteSerializer, partial=True)
        given.pop("organization", None)
        data = current | given
        call(domain.update_activity, activity, by=request.user, errors=ACTIVITY_ERRORS, **data)
        return Response(self.fresh(activity))


class AffiliateCoverageView(DomainViewSet):
    """Of the active party organisations in view, how many have an active unit of each kind,
    by sector or township; the last row counts all of them."""

    http_method_names = ["get", "head", "options"]
    pagination_class = None

    @extend_schema(summary=_("Affiliate coverage by sector or township"), parameters=[CoverageFilterSerializer],
                   responses=CoverageRowSerializer(many=True))
    def list(self, request, *args, **kwargs):
        params = {k: v.strip() for k, v in request.query_params.dict().items() if v.strip()}
        filters = CoverageFilterSerializer(data=params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        orgs = covered_organizations(request.user)
        if "level" in data:
            orgs = orgs.filter(level=data["level"])
        if "township" in data:
            orgs = orgs.filter(township=data["township"])
        if "organization_sector" in data:
            orgs = orgs.filter(sector=data["organization_sector"])
        rows = [coverage_row(row) for row in coverage(orgs, data["group_by"])]
        return Response(CoverageRowSerializer(rows, many=True).data)
