"""/api/v1/campaigns/: every signed-in user reads the campaigns; county admins create and
change them and move their status, through the same domain functions as the pages."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from pacesetter.api.exceptions import call_domain
from pacesetter.api.views import ScopedViewSet

from . import domain
from . import rules as campaign_rules
from .enums import CampaignStatus
from .models import Campaign
from .queries import campaigns_visible_to


class CampaignSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:campaign-detail", lookup_url_kwarg="id")

    class Meta:
        model = Campaign
        fields = ["id", "name", "year", "starts_on", "ends_on", "pledges_due", "status", "created_at", "url"]
        read_only_fields = ["id", "status", "created_at"]
        extra_kwargs = {
            "name": {"help_text": _("For example 2026年创先争优活动.")},
            "pledges_due": {"help_text": _("Commitments are submitted for review until this day; within the campaign.")},
            "status": {"help_text": _("planned → active (under way) → closed; changed with the status action.")},
        }

    def create(self, validated_data):
        return call_domain(domain.create_campaign, by=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return call_domain(domain.update_campaign, instance, by=self.context["request"].user, **validated_data)


class CampaignStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CampaignStatus.choices)


class CampaignFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CampaignStatus.choices, required=False)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


@extend_schema_view(
    list=extend_schema(summary=_("List campaigns"), parameters=[CampaignFilterSerializer]),
    retrieve=extend_schema(summary=_("Read a campaign")),
    create=extend_schema(summary=_("Create a campaign (planned)")),
    partial_update=extend_schema(summary=_("Change a campaign's name, year or dates")),
)
class CampaignViewSet(ScopedViewSet):
    """Strive for Excellence campaigns, newest first: every signed-in user reads them; county
    admins create them, change them (not once closed) and move their status."""

    serializer_class = CampaignSerializer
    filter_serializer_class = CampaignFilterSerializer
    lookup_field = "pk"
    lookup_url_kwarg = "id"
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return campaigns_visible_to(self.request.user).order_by("-year", "-starts_on", "-id")

    def may_create(self, user) -> bool:
        return campaign_rules.can_manage_campaigns(user)

    def may_change(self, user, obj) -> bool:
        return campaign_rules.can_manage_campaigns(user)

    def apply_filters(self, queryset, filters):
        for name in ("status", "year"):
            if name in filters:
                queryset = queryset.filter(**{name: filters[name]})
        return queryset

    @extend_schema(
        summary=_("Set a campaign under way, close it or reopen it"),
        request=CampaignStatusSerializer,
        responses=CampaignSerializer,
    )
    @action(detail=True, methods=["post"])
    def status(self, request, *args, **kwargs):
        campaign = self.get_object()
        serializer = CampaignStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call_domain(domain.set_campaign_status, campaign, status=serializer.validated_data["status"], by=request.user)
        return Response(self.fresh(campaign))
