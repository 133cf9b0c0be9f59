"""/api/v1/site-visits/: observation meetings, their sites and observers, and the ranking.

Reads go through the visibility queries (queries.py): meetings and sites for everyone with
a role (drafts for county admins only), observers for county admins only; the ranking of a
meeting for county admins at any time and for the others once published (before that, 404).
Writes — creating a meeting, opening, closing and publishing — are county admins' (403)."""
from __future__ import annotations

from django.db.models import Count, Exists, OuterRef
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from pacesetter.api.exceptions import call_domain
from pacesetter.api.viewsets import PlainViewSet

from .. import domain
from .. import rules as sv_rules
from ..enums import MeetingState
from ..models import ObserverCode
from ..queries import (
    meetings_visible_to,
    observers_visible_to,
    ranking,
    sites_visible_to,
)
from .serializers import (
    MeetingCreateSerializer,
    MeetingFilterSerializer,
    MeetingRefSerializer,
    MeetingSerializer,
    ObserverSerializer,
    ResultRowSerializer,
    SiteSerializer,
)


class _Base(PlainViewSet):
    filter_serializer_class = MeetingRefSerializer

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        if meeting := self.filters().get("meeting"):
            queryset = queryset.filter(meeting_id=meeting)
        return queryset


@extend_schema_view(
    list=extend_schema(summary=_("List observation meetings"), parameters=[MeetingFilterSerializer]),
    retrieve=extend_schema(summary=_("Read an observation meeting with its score sheet")),
)
class MeetingViewSet(_Base):
    """On-site observation meetings (现场观摩推进会), newest first."""

    serializer_class = MeetingSerializer
    filter_serializer_class = MeetingFilterSerializer

    def get_queryset(self):
        return meetings_visible_to(self.request.user).prefetch_related("criteria").order_by("-held_on", "-id")

    def may_create(self, user) -> bool:
        return sv_rules.can_manage_meetings(user)

    def may_change(self, user, obj) -> bool:
        return self.action in ("open", "close", "publish") and sv_rules.can_manage_meetings(user)

    def filter_queryset(self, queryset):
        if self.action == "list" and (state := self.filters().get("meeting_state")):
            queryset = queryset.filter(state=state)
        return queryset

    @extend_schema(summary=_("Plan a meeting (a draft with its score sheet)"), request=MeetingCreateSerializer,
                   responses={201: MeetingSerializer})
    def create(self, request, *args, **kwargs):
        serializer = MeetingCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        criteria = [(c["name"], c["max_points"]) for c in data.pop("criteria")]
        meeting = call_domain(domain.create_meeting, by=request.user, criteria=criteria, default_field="criteria",
                              **data)
        body = self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]})

    def _step(self, fn):
        meeting = call_domain(fn, self.get_object(), by=self.request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data)

    @extend_schema(summary=_("Open scoring"), request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, *args, **kwargs):
        return self._step(domain.open_scoring)

    @extend_schema(summary=_("Close scoring"), request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, *args, **kwargs):
        return self._step(domain.close_scoring)

    @extend_schema(summary=_("Publish the ranked results"), request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        return self._step(domain.publish_results)

    @extend_schema(summary=_("The ranking: live for county admins, for others once published"),
                   responses=ResultRowSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def results(self, request, *args, **kwargs):
        meeting = self.get_object()
        if meeting.state != MeetingState.PUBLISHED and not sv_rules.can_manage_meetings(request.user):
            raise Http404
        return Response(ResultRowSerializer(ranking(meeting), many=True).data)


@extend_schema_view(
    list=extend_schema(summary=_("List the sites of meetings, in visiting order"), parameters=[MeetingRefSerializer]),
    retrieve=extend_schema(summary=_("Read a site with the sheets received")),
)
class SiteViewSet(_Base):
    """The sites meetings visit, with the number of score sheets received so far."""

    serializer_class = SiteSerializer

    def get_queryset(self):
        return sites_visible_to(self.request.user).select_related("organization").annotate(
            received=Count("sheets")).order_by("meeting_id", "position")


@extend_schema_view(
    list=extend_schema(summary=_("List observers (county admins)"), parameters=[MeetingRefSerializer]),
    retrieve=extend_schema(summary=_("Read an observer (county admins)")),
)
class ObserverViewSet(_Base):
    """The people who score a meeting's sites; their codes are never readable here."""

    serializer_class = ObserverSerializer

    def get_queryset(self):
        return observers_visible_to(self.request.user).annotate(
            sites_scored=Count("sheets"),
            has_code=Exists(ObserverCode.objects.filter(observer=OuterRef("pk"), revoked_at__isnull=True)),
        ).order_by("meeting_id", "number")
