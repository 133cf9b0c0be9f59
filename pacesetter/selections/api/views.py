"""/api/v1/: selections, nominations, selection-objections and honour-kinds.

Reads go through the visibility queries (queries.py), writes through the domain functions
with the rules predicates deciding who may (403 for a visible object the user may not
change; invisible objects are 404 first)."""
from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from pacesetter.api.exceptions import call_domain
from pacesetter.api.views import edits_somewhere
from pacesetter.api.viewsets import PlainViewSet
from pacesetter.linkage.queries import units_visible_to
from pacesetter.orgs.queries import members_visible_to, organizations_visible_to

from .. import domain
from .. import rules as s_rules
from ..models import NominationReview
from ..queries import honour_kinds_visible_to, nominations_visible_to, objections_visible_to, selections_visible_to
from .serializers import (
    AnswerSerializer,
    HonourKindChangeSerializer,
    HonourKindCreateSerializer,
    NominationCreateSerializer,
    NominationFilterSerializer,
    NominationSerializer,
    ObjectionFilterSerializer,
    ObjectionSerializer,
    ReviewInputSerializer,
    SelectionCreateSerializer,
    SelectionFilterSerializer,
    SelectionKindSerializer,
    SelectionSerializer,
    StartNoticeSerializer,
)


class _Base(PlainViewSet):

    def fresh(self, obj, status_code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data, status=status_code)

    @staticmethod
    def validated(serializer_class, data) -> dict:
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


@extend_schema_view(
    list=extend_schema(summary=_("List honour kinds")),
    retrieve=extend_schema(summary=_("Read an honour kind")),
)
class HonourKindViewSet(_Base):
    """The honours the county gives (the five of the speech and those it adds)."""

    serializer_class = SelectionKindSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return honour_kinds_visible_to(self.request.user).order_by("position", "id")

    def filter_queryset(self, queryset):
        return queryset

    def may_create(self, user) -> bool:
        return s_rules.can_manage_selections(user)

    def may_change(self, user, obj) -> bool:
        return s_rules.can_manage_selections(user)

    @extend_schema(summary=_("Add an honour kind (county admins)"), request=HonourKindCreateSerializer,
                   responses={201: SelectionKindSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated(HonourKindCreateSerializer, request.data)
        kind = call_domain(domain.add_honour_kind, by=request.user, name=data["name"], nominee=data["given_to"],
                           code=data["code"], affiliate_kind=data["affiliate_kind"])
        return self.fresh(kind, status.HTTP_201_CREATED)

    @extend_schema(summary=_("Rename an honour kind or take it out of use (county admins)"),
                   request=HonourKindChangeSerializer, responses=SelectionKindSerializer)
    def partial_update(self, request, *args, **kwargs):
        kind = self.get_object()
        data = self.validated(HonourKindChangeSerializer, request.data)
        return self.fresh(call_domain(domain.change_honour_kind, kind, by=request.user, **data))


@extend_schema_view(
    list=extend_schema(summary=_("List selections"), parameters=[SelectionFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a selection with its rules and quotas")),
)
class SelectionViewSet(_Base):
    """Selections (评选) of one honour kind in a campaign, newest first."""

    serializer_class = SelectionSerializer
    filter_serializer_class = SelectionFilterSerializer

    def get_queryset(self):
        return selections_visible_to(self.request.user).select_related("kind").prefetch_related("quotas").order_by(
            "-created_at", "-id")

    def filter_queryset(self, queryset):
        if self.action == "list" and (state := self.filters().get("selection_state")):
            queryset = queryset.filter(state=state)
        return queryset

    def may_create(self, user) -> bool:
        return s_rules.can_manage_selections(user)

    def may_change(self, user, obj) -> bool:
        return s_rules.can_manage_selections(user)

    @extend_schema(summary=_("Create a draft selection (county admins)"), request=SelectionCreateSerializer,
                   responses={201: SelectionSerializer})
    def create(self, request, *args, **kwargs):
        serializer = SelectionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        selection = call_domain(domain.create_selection, by=request.user, **serializer.domain_data())
        return self.fresh(selection, status.HTTP_201_CREATED)

    def _step(self, fn, **kwargs):
        selection = self.get_object()
        call_domain(fn, selection, by=self.request.user, **kwargs)
        return self.fresh(selection)

    @extend_schema(summary=_("Open nominations"), request=None, responses=SelectionSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, *args, **kwargs):
        return self._step(domain.open_nominations)

    @extend_schema(summary=_("Close nominations and start the review"), request=None, responses=SelectionSerializer)
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request, *args, **kwargs):
        return self._step(domain.start_review)

    @extend_schema(summary=_("Draw up the ranked shortlist by quota"), request=None, responses=SelectionSerializer)
    @action(detail=True, methods=["post"])
    def shortlist(self, request, *args, **kwargs):
        return self._step(domain.shortlist)

    @extend_schema(summary=_("Put the shortlist on public notice"), request=StartNoticeSerializer,
                   responses=SelectionSerializer)
    @action(detail=True, methods=["post"], url_path="start-notice")
    def start_notice(self, request, *args, **kwargs):
        data = self.validated(StartNoticeSerializer, request.data)
        return self._step(domain.start_notice, starts_on=data["starts_on"])

    @extend_schema(summary=_("Finalise the list after the notice period"), request=None,
                   responses=SelectionSerializer)
    @action(detail=True, methods=["post"])
    def finalise(self, request, *args, **kwargs):
        return self._step(domain.finalise_selection)


@extend_schema_view(
    list=extend_schema(summary=_("List nominations"), parameters=[NominationFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a nomination with its record and eligibility")),
)
class NominationViewSet(_Base):
    """Nominations inside the user's organisation subtrees."""

    serializer_class = NominationSerializer
    filter_serializer_class = NominationFilterSerializer

    def get_queryset(self):
        return nominations_visible_to(self.request.user).select_related(
            "organization", "member", "affiliate_unit", "nominated_by").prefetch_related(
            Prefetch("reviews", queryset=NominationReview.objects.order_by("at", "id"))).order_by("-created_at", "-id")

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        filters = self.filters()
        if "selection" in filters:
            queryset = queryset.filter(selection_id=filters["selection"])
        if "nomination_status" in filters:
            queryset = queryset.filter(status=filters["nomination_status"])
        return queryset

    def may_create(self, user) -> bool:
        return edits_somewhere(user)

    def may_change(self, user, obj) -> bool:
        if self.action == "review":
            return domain.may_review(user, obj)
        return self.action == "withdraw" and s_rules.can_withdraw(user, obj)

    @extend_schema(summary=_("Nominate an organisation, a member or an affiliate unit (the record is taken now)"),
                   request=NominationCreateSerializer, responses={201: NominationSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated(NominationCreateSerializer, request.data)
        selection = selections_visible_to(request.user).filter(pk=data["selection"]).first()
        if selection is None:
            raise serializers.ValidationError({"selection": [_("No such selection in your view.")]})
        member = organization = unit = None
        if data["affiliate_unit_code"]:
            unit = units_visible_to(request.user).select_related("organization").filter(
                code=data["affiliate_unit_code"]).first()
            if unit is None:
                raise serializers.ValidationError({"affiliate_unit_code": [_("No such affiliate unit in your view.")]})
        elif data["member_code"]:
            member = members_visible_to(request.user).select_related("organization").filter(
                code=data["member_code"]).first()
            if member is None:
                raise serializers.ValidationError({"member_code": [_("No such member in your view.")]})
            organization = member.organization
        else:
            organization = organizations_visible_to(request.user).filter(code=data["organization_code"]).first()
            if organization is None:
                raise serializers.ValidationError({"organization_code": [_("No such organisation in your view.")]})
        nomination = call_domain(domain.nominate, selection, by=request.user, organization=organization,
                                 member=member, affiliate_unit=unit, statement=data["statement"],
                                 renames={"organization": "organization_code", "member": "member_code",
                                          "affiliate_unit": "affiliate_unit_code"})
        return self.fresh(nomination, status.HTTP_201_CREATED)

    @extend_schema(summary=_("Review a nomination (township or county, whichever is due)"),
                   request=ReviewInputSerializer, responses=NominationSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, *args, **kwargs):
        nomination = self.get_object()
        data = self.validated(ReviewInputSerializer, request.data)
        call_domain(domain.review_nomination, nomination, by=request.user, decision=data["nomination_decision"],
                    reason=data["reason"])
        return self.fresh(nomination)

    @extend_schema(summary=_("Withdraw a nomination while nominations are open"), request=None,
                   responses=NominationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, *args, **kwargs):
        nomination = self.get_object()
        call_domain(domain.withdraw_nomination, nomination, by=request.user)
        return self.fresh(nomination)


@extend_schema_view(
    list=extend_schema(summary=_("List objections (county admins and inspectors)"),
                       parameters=[ObjectionFilterSerializer]),
    retrieve=extend_schema(summary=_("Read an objection")),
)
class ObjectionViewSet(_Base):
    """Objections lodged by the public during a selection's notice period."""

    serializer_class = ObjectionSerializer
    filter_serializer_class = ObjectionFilterSerializer

    def get_queryset(self):
        return objections_visible_to(self.request.user).select_related(
            "nomination__organization", "nomination__member", "nomination__affiliate_unit").order_by("created_at", "id")

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        filters = self.filters()
        if "selection" in filters:
            queryset = queryset.filter(nomination__selection_id=filters["selection"])
        if "objection_state" in filters:
            queryset = queryset.filter(state=filters["objection_state"])
        return queryset

    def may_change(self, user, obj) -> bool:
        return self.action == "answer" and s_rules.can_manage_selections(user)

    @extend_schema(summary=_("Answer an objection: upheld (the nominee drops out) or dismissed"),
                   request=AnswerSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, *args, **kwargs):
        objection = self.get_object()
        data = self.validated(AnswerSerializer, request.data)
        call_domain(domain.answer_objection, objection, by=request.user, upheld=data["upheld"],
                    finding=data["finding"])
        return self.fresh(objection)
