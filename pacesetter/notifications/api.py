"""/api/v1/notifications/: your own notifications, and marking them read.

Reads go through `notifications_visible_to`, so another user's notification is a 404 like a
missing one; the marks go through the domain functions."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from pacesetter.api.views import ApiView

from . import domain
from .models import Notification
from .queries import notifications_visible_to, unread_first


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.SerializerMethodField(help_text=_("Whether you have marked it read."))

    class Meta:
        model = Notification
        fields = ["id", "kind", "key", "title", "body", "url", "created_at", "is_read", "read_at"]
        read_only_fields = fields
        extra_kwargs = {
            "key": {"help_text": _("The event it reports; you get at most one notification per event.")},
            "url": {"help_text": _("Path of the page it is about, if any.")},
        }

    def get_is_read(self, obj: Notification) -> bool:
        return obj.read_at is not None


class NotificationFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=[("unread", _("unread")), ("read", _("read"))], required=False,
        help_text=_("Only unread or only read notifications; all when left out."),
    )


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("How many notifications were marked read."))


@extend_schema_view(
    list=extend_schema(summary=_("List your notifications, unread first"), parameters=[NotificationFilterSerializer]),
    retrieve=extend_schema(summary=_("Read one of your notifications")),
)
class NotificationViewSet(ApiView, viewsets.GenericViewSet):
    """Your notifications (deadlines, reviews, other events that concern you), unread first
    and newest first. Nobody else's are listed or readable, whatever their roles."""

    serializer_class = NotificationSerializer
    lookup_field = "pk"
    lookup_url_kwarg = "id"
    lookup_value_regex = r"[0-9]{1,18}"
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return unread_first(notifications_visible_to(self.request.user))

    def may_change(self, user, obj) -> bool:
        return True  # the queryset holds the user's own notifications only

    def list(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        params = {k: v.strip() for k, v in request.query_params.dict().items() if k == "state" and v.strip()}
        filters = NotificationFilterSerializer(data=params)
        filters.is_valid(raise_exception=True)
        if state := filters.validated_data.get("state"):
            queryset = queryset.filter(read_at__isnull=state == "unread")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(summary=_("Mark one of your notifications read"), request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, *args, **kwargs):
        notification = domain.mark_read(self.get_object(), by=request.user)
        return Response(self.get_serializer(notification).data)

    @extend_schema(summary=_("Mark all your notifications read"), request=None, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], url_path="read-all", url_name="read-all")
    def read_all(self, request, *args, **kwargs):
        return Response({"marked": domain.mark_all_read(request.user, by=request.user)})
