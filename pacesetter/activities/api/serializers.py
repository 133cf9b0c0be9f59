"""What the activity endpoints show and accept. Choice fields carry the app's own names
(activity_kind, activity_state, attendance_status, attendance_source), so the schema's enum
names stay distinct from other apps' `kind` and `state`."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from pacesetter.api.serializers import MAX_ID, CodeField, OrganizationCodeField
from pacesetter.orgs.queries import members_visible_to

from ..domain.activities import MAX_PHOTOS
from ..enums import ActivityKind, ActivityState, AttendanceSource, AttendanceStatus
from ..models import Activity, ActivityPhoto, Attendance


@extend_schema_field(OpenApiTypes.STR)
class MemberCodeField(CodeField):
    """A party member named by their code, among those the user sees."""

    default_error_messages = {"invalid": _("Enter a member's code."), "unknown": _("Unknown member: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=members_visible_to, **kwargs)


def _absolute(context, name: str, photo) -> str:
    request = context.get("request")
    url = reverse(name, args=[photo.pk])
    return request.build_absolute_uri(url) if request else url


@extend_schema_serializer(component_name="ActivityPhoto")
class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The photo, served by the activity pages."))
    thumbnail_url = serializers.SerializerMethodField(help_text=_("Its thumbnail (JPEG); null when it has none."))

    class Meta:
        model = ActivityPhoto
        fields = ["id", "original_name", "size", "width", "height", "url", "thumbnail_url"]

    def get_url(self, photo) -> str:
        return _absolute(self.context, "activities:photo", photo)

    def get_thumbnail_url(self, photo) -> str | None:
        return _absolute(self.context, "activities:photo-thumbnail", photo) if photo.thumbnail else None


@extend_schema_serializer(component_name="ActivityPhotoUpload")
class PhotoUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(), min_length=1, max_length=MAX_PHOTOS,
        help_text=_("Photos (JPEG, PNG or WebP); stored re-encoded without EXIF or GPS location."),
    )


class ActivitySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:activity-detail", lookup_url_kwarg="id")
    organization = serializers.CharField(source="organization.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    activity_kind = serializers.ChoiceField(source="kind", choices=ActivityKind.choices, read_only=True)
    activity_state = serializers.ChoiceField(source="state", choices=ActivityState.choices, read_only=True)
    present = serializers.IntegerField(read_only=True, help_text=_("Members recorded present."))
    invited = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "url", "organization", "organization_name", "activity_kind", "title", "starts_at",
                  "ends_at", "day", "place", "agenda", "activity_state", "minutes", "cancel_reason", "present",
                  "invited", "photos"]


class ActivityFilterSerializer(serializers.Serializer):
    organization = serializers.CharField(max_length=32, required=False, help_text=_("An organisation's code."))
    activity_kind = serializers.ChoiceField(choices=ActivityKind.choices, required=False)
    activity_state = serializers.ChoiceField(choices=ActivityState.choices, required=False)
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class ActivityWriteSerializer(serializers.Serializer):
    organization = OrganizationCodeField(help_text=_("The organisation's code."))
    activity_kind = serializers.ChoiceField(choices=ActivityKind.choices)
    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    agenda = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    invited = serializers.ListField(child=MemberCodeField(), required=False, default=list, max_length=500,
                                    help_text=_("Codes of members from elsewhere invited to attend."))


class HoldSerializer(serializers.Serializer):
    minutes = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class SignInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=500, help_text=_("The code of the QR on the organiser's screen."))


class AttendanceSerializer(serializers.ModelSerializer):
    activity = serializers.PrimaryKeyRelatedField(read_only=True)
    member = serializers.CharField(source="member.code", read_only=True)
    member_name = serializers.CharField(source="member.name", read_only=True)
    attendance_status = serializers.ChoiceField(source="status", choices=AttendanceStatus.choices, read_only=True)
    attendance_source = serializers.ChoiceField(source="source", choices=AttendanceSource.choices, read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "activity", "member", "member_name", "attendance_status", "reason", "attendance_source",
                  "recorded_at"]


class AttendanceFilterSerializer(serializers.Serializer):
    activity = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    member = serializers.CharField(max_length=32, required=False, help_text=_("A member's code."))


class AttendanceWriteSerializer(serializers.Serializer):
    activity = serializers.IntegerField(min_value=1)
    member = MemberCodeField()
    attendance_status = serializers.ChoiceField(choices=AttendanceStatus.choices)
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
