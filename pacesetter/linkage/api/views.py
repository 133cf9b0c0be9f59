"""/api/v1/affiliate-units/, /api/v1/affiliate-honours/, /api/v1/joint-activities/ and
/api/v1/affiliate-coverage/: the affiliate units linked to party organisations, their
honours, their joint activities with their photos (uploaded as multipart form data to
/api/v1/joint-activities/{id}/photos/) and the coverage counts.

Reads go through the visibility queries (outside: 404): county admins, organisation
admins, affiliate admins and inspectors see the units of their subtrees. Writes go through
the domain functions after a rules check (refused: 403): units by county and organisation
admins; honours and activities also by affiliate admins, for their own units."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from pacesetter.api.viewsets import DomainViewSet, Listing, Reading, call

from .. import domain
from .. import rules as l_rules
from ..queries import (
    activities_visible_to,
    coverage,
    covered_organizations,
    honours_visible_to,
    photos_visible_to,
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
    PhotoSerializer,
    PhotoUploadSerializer,
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
PHOTO_ERRORS = {"photos_required": "files", "too_many_photos": "files", "file_*": "files"}
WRITE_METHODS = ["get", "post", "patch", "head", "options"]


class DomainWrites:
    """POST and PATCH through one domain function each (`create_with`, `update_with`). The
    write serializer reads the input; `subject` names the input passed first to
    `create_with` (the unit an honour is for) and fixed on a change; a PATCH starts from the
    viewset's `current(obj)`, so it names only what changes. `renamed` maps API field names
    to the domain's keyword names."""

    write_serializer = None
    write_errors: dict = {}
    create_with = update_with = None
    subject: str | None = None
    create_ignores: tuple = ()
    update_ignores: tuple = ()
    renamed: dict = {}

    def _args(self, data: dict, ignored: tuple) -> dict:
        return {self.renamed.get(name, name): value for name, value in data.items() if name not in ignored}

    def create(self, request, *args, **kwargs):
        data = self._args(self.input(self.write_serializer), self.create_ignores)
        subject = (data.pop(self.subject),) if self.subject else ()
        obj = call(self.create_with, *subject, by=request.user, errors=self.write_errors, **data)
        return self.created(self.fresh(obj))

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        ignored = (*self.update_ignores, *((self.subject,) if self.subject else ()))
        given = self._args(self.input(self.write_serializer, partial=True), ignored)
        call(self.update_with, obj, by=request.user, errors=self.write_errors, **(self.current(obj) | given))
        return Response(self.fresh(obj))


@extend_schema_view(
    list=extend_schema(summary=_("List affiliate units"), parameters=[UnitFilterSerializer]),
    retrieve=extend_schema(summary=_("Read an affiliate unit")),
    create=extend_schema(summary=_("Add an affiliate unit to a party organisation"), request=UnitWriteSerializer,
                         responses={201: AffiliateUnitSerializer}),
    partial_update=extend_schema(summary=_("Change an affiliate unit (its code stays)"),
                                 request=UnitWriteSerializer, responses=AffiliateUnitSerializer),
)
class AffiliateUnitViewSet(DomainWrites, Listing, Reading, DomainViewSet):
    """Youth League, trade union and women's federation units, each linked to the party
    organisation that leads it; township and sector are the party organisation's."""

    serializer_class = AffiliateUnitSerializer
    filter_serializer_class = UnitFilterSerializer
    http_method_names = WRITE_METHODS
    create_predicate = l_rules.can_manage_units
    predicates = {"partial_update": l_rules.can_edit_unit}
    write_serializer, write_errors = UnitWriteSerializer, UNIT_ERRORS
    create_with, update_with = staticmethod(domain.create_unit), staticmethod(domain.update_unit)
    create_ignores, update_ignores = ("active",), ("code",)
    renamed = {"affiliate_kind": "kind"}

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

    def current(self, unit) -> dict:
        return {"kind": unit.kind, "name": unit.name, "organization": unit.organization,
                "members_count": unit.members_count, "head_name": unit.head_name,
                "established": unit.established, "active": unit.active}


@extend_schema_view(
    list=extend_schema(summary=_("List affiliate honours"), parameters=[HonourFilterSerializer]),
    retrieve=extend_schema(summary=_("Read an affiliate honour")),
    create=extend_schema(summary=_("Record an honour of an affiliate unit"), request=HonourWriteSerializer,
                         responses={201: HonourSerializer}),
    partial_update=extend_schema(summary=_("Change an honour"), request=HonourWriteSerializer,
                                 responses=HonourSerializer),
)
class AffiliateHonourViewSet(DomainWrites, Listing, Reading, DomainViewSet):
    """Honours of the affiliates' own systems (五四红旗团支部, 模范职工之家, 三八红旗手…), newest first."""

    serializer_class = HonourSerializer
    filter_serializer_class = HonourFilterSerializer
    http_method_names = WRITE_METHODS
    predicates = {"partial_update": l_rules.can_edit_honour}
    write_serializer, write_errors, subject = HonourWriteSerializer, HONOUR_ERRORS, "unit"
    create_with, update_with = staticmethod(domain.add_honour), staticmethod(domain.update_honour)

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

    def current(self, honour) -> dict:
        return {"year": honour.year, "title": honour.title, "recipient": honour.recipient,
                "person_name": honour.person_name, "awarded_by": honour.awarded_by}


@extend_schema_view(
    list=extend_schema(summary=_("List joint activities"), parameters=[ActivityFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a joint activity with its photos")),
    create=extend_schema(summary=_("Record a joint activity (photos are added through its photos endpoint)"),
                         request=ActivityWriteSerializer, responses={201: ActivitySerializer}),
    partial_update=extend_schema(summary=_("Change a joint activity"), request=ActivityWriteSerializer,
                                 responses=ActivitySerializer),
)
class JointActivityViewSet(DomainWrites, Listing, Reading, DomainViewSet):
    """Activities a party organisation held with its affiliates (联建活动), newest first."""

    serializer_class = ActivitySerializer
    filter_serializer_class = ActivityFilterSerializer
    http_method_names = WRITE_METHODS
    predicates = {"partial_update": l_rules.can_edit_activity, "photos": l_rules.can_edit_activity}
    write_serializer, write_errors, subject = ActivityWriteSerializer, ACTIVITY_ERRORS, "organization"
    create_with, update_with = staticmethod(domain.record_activity), staticmethod(domain.update_activity)

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

    def current(self, activity) -> dict:
        return {"units": list(activity.units.all()), "held_on": activity.held_on, "title": activity.title,
                "description": activity.description, "participants": activity.participants}

    @extend_schema(methods=["GET"], summary=_("List a joint activity's photos (at most nine, unpaginated)"),
                   request=None, responses=PhotoSerializer(many=True))
    @extend_schema(
        methods=["POST"], summary=_("Add photos to a joint activity"),
        description=_("multipart/form-data with up to nine `files` in all. Each file must be a photo by its "
                      "content; it is stored re-encoded without EXIF (no GPS location), with a thumbnail."),
        request={"multipart/form-data": PhotoUploadSerializer}, responses={201: PhotoSerializer(many=True)},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser], pagination_class=None)
    def photos(self, request, *args, **kwargs):
        activity = self.get_object()
        if request.method == "POST":
            data = self.input(PhotoUploadSerializer)
            stored = call(domain.add_photos, activity, by=request.user, photos=data["files"], errors=PHOTO_ERRORS)
            photos = photos_visible_to(request.user).filter(pk__in=[p.pk for p in stored]).order_by("id")
            return Response(PhotoSerializer(photos, many=True, context=self.get_serializer_context()).data,
                            status=status.HTTP_201_CREATED)
        photos = photos_visible_to(request.user).filter(activity=activity).order_by("id")
        return Response(PhotoSerializer(photos, many=True, context=self.get_serializer_context()).data)


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
