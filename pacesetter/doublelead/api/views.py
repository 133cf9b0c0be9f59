"""/api/v1/double-lead-members/ with the parts of their records (/double-lead-enterprises/,
/double-lead-households/, /double-lead-figures/, /double-lead-trainings/) and
/api/v1/double-lead-statistics/. Reads go through the visibility queries (outside: 404),
writes through the domain functions after a rules check (refused: 403)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response

from pacesetter.api.viewsets import DomainViewSet, Listing, Reading, call

from .. import domain, queries
from .. import rules as dl_rules
from ..enums import EnterpriseKind
from .serializers import (
    DoubleLeadEnterpriseSerializer,
    DoubleLeadFiguresSerializer,
    DoubleLeadHouseholdSerializer,
    DoubleLeadMemberChangeSerializer,
    DoubleLeadMemberFilterSerializer,
    DoubleLeadMemberSerializer,
    DoubleLeadPartFilterSerializer,
    DoubleLeadRegisterSerializer,
    DoubleLeadStatisticsFilterSerializer,
    DoubleLeadStatisticsSerializer,
    DoubleLeadTrainingSerializer,
)

MEMBER_ERRORS = {"not_rural": "member_code", "registered": "member_code", "date": "registered_on",
                 "too_long": "note"}


@extend_schema_view(
    list=extend_schema(summary=_("List double-lead members"), parameters=[DoubleLeadMemberFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a double-lead member with enterprises, households, figures and trainings")),
)
class DoubleLeadMemberViewSet(Listing, Reading, DomainViewSet):
    """Double-lead rural members (双带): county admins see all; organisation admins and
    inspectors those of their subtrees; a member their own record. County and organisation
    admins register rural members of their organisations and change their status."""

    serializer_class = DoubleLeadMemberSerializer
    filter_serializer_class = DoubleLeadMemberFilterSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_predicate = dl_rules.can_register
    predicates = {"partial_update": dl_rules.can_edit_double_lead}

    def get_queryset(self):
        return queries.double_lead_members_visible_to(self.request.user).select_related(
            "member__organization").prefetch_related("enterprises", "households", "figures", "trainings").order_by(
            queries.TOWNSHIP, "member__code")

    def apply_filters(self, queryset, filters):
        if "township" in filters:
            queryset = queryset.filter(**{queries.TOWNSHIP: filters["township"]})
        if "industry" in filters:
            queryset = queries.with_industry(queryset, filters["industry"])
        if filters.get("active") is not None:
            queryset = queryset.filter(active=filters["active"])
        return queries.search(queryset, filters.get("q", ""))

    @extend_schema(summary=_("Register a rural member as a double-lead member"), request=DoubleLeadRegisterSerializer,
                   responses={201: DoubleLeadMemberSerializer})
    def create(self, request, *args, **kwargs):
        data = self.input(DoubleLeadRegisterSerializer)
        holder = call(domain.register_double_lead, data["member_code"], by=request.user,
                      registered_on=data["registered_on"], note=data["note"], errors=MEMBER_ERRORS)
        return self.created(self.fresh(holder))

    @extend_schema(summary=_("Change a double-lead member's status or note"), request=DoubleLeadMemberChangeSerializer,
                   responses=DoubleLeadMemberSerializer)
    def partial_update(self, request, *args, **kwargs):
        holder = self.get_object()
        data = {"active": holder.active, "note": holder.note, **self.input(DoubleLeadMemberChangeSerializer)}
        call(domain.update_double_lead, holder, by=request.user, errors=MEMBER_ERRORS, **data)
        return Response(self.fresh(holder))


class _PartViewSet(Listing, Reading, DomainViewSet):
    """A part of a double-lead member's record: listed and read with its member, added
    (naming the member's id as `holder`) and changed by the admins who keep the record."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    filter_serializer_class = DoubleLeadPartFilterSerializer
    create_predicate = dl_rules.can_register
    predicates = {"partial_update": dl_rules.can_edit_part}
    visible = staticmethod(queries.enterprises_visible_to)
    add = update = staticmethod(domain.add_enterprise)
    #: Fields a change leaves as they are.
    fixed: tuple[str, ...] = ("holder",)
    errors: dict = {}

    def get_queryset(self):
        return self.visible(self.request.user).order_by("holder_id", "id")

    def apply_filters(self, queryset, filters):
        return queryset.filter(holder_id=filters["holder"]) if "holder" in filters else queryset

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        part = call(self.add, data.pop("holder"), by=request.user, errors=self.errors, **data)
        return self.created(self.fresh(part))

    def partial_update(self, request, *args, **kwargs):
        part = self.get_object()
        serializer = self.get_serializer(part, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        names = [n for n in serializer.fields if not serializer.fields[n].read_only and n not in self.fixed]
        current = {serializer.fields[n].source: getattr(part, serializer.fields[n].source) for n in names}
        values = {**current, **{k: v for k, v in serializer.validated_data.items() if k not in self.fixed}}
        call(self.update, part, by=request.user, errors=self.errors, **values)
        return Response(self.fresh(part))


def _part_schema(noun: str):
    return extend_schema_view(
        list=extend_schema(summary=_("List %(noun)s of double-lead members") % {"noun": noun},
                           parameters=[DoubleLeadPartFilterSerializer]),
        retrieve=extend_schema(summary=_("Read one of the %(noun)s") % {"noun": noun}),
        create=extend_schema(summary=_("Add to a double-lead member's %(noun)s") % {"noun": noun}),
        partial_update=extend_schema(summary=_("Change one of the %(noun)s") % {"noun": noun}),
    )


@_part_schema("enterprises")
class EnterpriseViewSet(_PartViewSet):
    """Enterprises (合作社, 家庭农场, 企业, 个体工商户…) run by double-lead members."""

    serializer_class = DoubleLeadEnterpriseSerializer
    visible = staticmethod(queries.enterprises_visible_to)
    add, update = staticmethod(domain.add_enterprise), staticmethod(domain.update_enterprise)
    errors = {"choice": "enterprise_kind", "year": "founded_year", "count": "employees"}


@_part_schema("helped households")
class HouseholdViewSet(_PartViewSet):
    """Households a double-lead member helps, by the head's name and village (no ID numbers)."""

    serializer_class = DoubleLeadHouseholdSerializer
    visible = staticmethod(queries.households_visible_to)
    add, update = staticmethod(domain.add_household), staticmethod(domain.update_household)
    errors = {"choice": "help_kind", "year": "since_year"}


@_part_schema("yearly figures")
class FiguresViewSet(_PartViewSet):
    """A double-lead member's figures for one year (one set per year; the year is fixed once recorded)."""

    serializer_class = DoubleLeadFiguresSerializer
    visible = staticmethod(queries.figures_visible_to)
    add, update = staticmethod(domain.record_figures), staticmethod(domain.update_figures)
    errors = {"year": "year", "year_taken": "year", "money": "own_income", "count": "jobs_created"}
    fixed = ("holder", "year")


@_part_schema("trainings")
class TrainingViewSet(_PartViewSet):
    """Trainings a double-lead member gave: date, title, attendees and hours."""

    serializer_class = DoubleLeadTrainingSerializer
    visible = staticmethod(queries.trainings_visible_to)
    add, update = staticmethod(domain.add_training), staticmethod(domain.update_training)
    errors = {"date": "held_on", "hours": "hours", "count": "attendees"}


class StatisticsViewSet(DomainViewSet):
    """Double-lead members by township: members, enterprises by kind, helped households and
    each year's income sums and averages and jobs, over the members you see."""

    serializer_class = DoubleLeadStatisticsSerializer
    http_method_names = ["get", "head", "options"]
    pagination_class = None

    @extend_schema(summary=_("Double-lead statistics by township and year"), responses=DoubleLeadStatisticsSerializer,
                   parameters=[DoubleLeadStatisticsFilterSerializer])
    def list(self, request, *args, **kwargs):
        """A year outside 1949–2100 or not a number is refused (400, under `year`); a year
        without figures gives the counts as at its end and no figures."""
        filters = DoubleLeadStatisticsFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        members = queries.double_lead_members_visible_to(request.user)
        stats = queries.statistics(members)
        stats.as_of(filters.validated_data.get("year", stats.years[-1] if stats.years else None))

        def years(items):
            return [{"year": year, **vars(totals)} for year, totals in items]

        body = {
            "year": stats.year,
            "townships": [{"township": row.township, "members": row.members, "active": row.active,
                           "households": row.households, "years": years(sorted(row.years.items())),
                           "households_by_year": [{"year": y, "households": row.households_by(y)}
                                                  for y in stats.years],
                           "trainings_by_year": [{"year": y, "trainings": n, "attendees": people, "hours": hours}
                                                 for y, (n, people, hours) in sorted(row.trainings_by_year.items())],
                           "enterprises": [{"enterprise_kind": kind, "count": n}
                                           for kind, n in zip(EnterpriseKind.values, stats.kind_counts(row))]}
                          for row in stats.rows],
            "county": years(queries.county_years(members)),
        }
        return Response(DoubleLeadStatisticsSerializer(body).data)
