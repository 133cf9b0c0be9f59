"""Serializers of the observation meeting endpoints. Enum fields carry distinct names so
the schema's enum components do not clash with other apps' `state` fields."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..enums import MeetingState
from ..models import Criterion, Meeting, Observer, Site


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["position", "name", "max_points"]


class MeetingSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:site-visit-meeting-detail", lookup_url_kwarg="id")
    meeting_state = serializers.ChoiceField(source="state", choices=MeetingState.choices, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    sites_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "url", "title", "held_on", "description", "meeting_state", "published_at", "criteria",
                  "sites_url"]

    def get_sites_url(self, meeting) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(f"/api/v1/site-visits/sites/?meeting={meeting.pk}")


class CriterionInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    max_points = serializers.IntegerField(min_value=1, max_value=100)


class MeetingCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    held_on = serializers.DateField()
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    criteria = CriterionInputSerializer(many=True, help_text=_("The score sheet, in order."))


class MeetingFilterSerializer(serializers.Serializer):
    meeting_state = serializers.ChoiceField(choices=MeetingState.choices, required=False)


class SiteSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    organization_code = serializers.CharField(source="organization.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    sheets_received = serializers.IntegerField(source="received", read_only=True)

    class Meta:
        model = Site
        fields = ["id", "meeting", "position", "organization_code", "organization_name", "introduction",
                  "photos_url", "sheets_received"]


class MeetingRefSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(min_value=1, max_value=10**18, required=False)


class ObserverSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    has_code = serializers.BooleanField(read_only=True, help_text=_("Holds a code that has not been revoked."))
    sites_scored = serializers.IntegerField(read_only=True)

    class Meta:
        model = Observer
        fields = ["id", "meeting", "number", "name", "unit", "has_code", "sites_scored"]


class ResultRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    site = serializers.IntegerField(source="site.pk")
    organization_code = serializers.CharField(source="site.organization.code")
    organization_name = serializers.CharField(source="site.organization.name")
    sheets = serializers.IntegerField()
    mean_total = serializers.DecimalField(source="mean", max_digits=6, decimal_places=2)
    criterion_means = serializers.ListField(child=serializers.DecimalField(max_digits=6, decimal_places=2))
