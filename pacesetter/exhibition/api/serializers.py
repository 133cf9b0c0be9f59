"""What the exhibition endpoints show and accept.

Every field of a photo may be public once it is published: the uploader's account is not
shown, and the reason for a rejection only ever reaches those who see the rejected photo."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pacesetter.api.serializers import OrganizationCodeField
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.models import Organization

from ..domain import MAX_PHOTOS
from ..enums import PhotoStatus
from ..models import Photo, Theme
from ..queries import themes_visible_to

MAX_ID = 2**63 - 1


class ThemeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:exhibition-theme-detail", lookup_url_kwarg="id")

    class Meta:
        model = Theme
        fields = ["id", "url", "name", "description", "position", "is_active"]
        read_only_fields = ["id", "url"]
        extra_kwargs = {"name": {"validators": []}}


class PhotoOrganizationSerializer(serializers.ModelSerializer):
    sector = serializers.ChoiceField(choices=Sector.choices, read_only=True)

    class Meta:
        model = Organization
        fields = ["code", "name", "township", "sector"]
        read_only_fields = fields


class PhotoThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "name"]
        read_only_fields = fields


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:exhibition-photo-detail", lookup_url_kwarg="id")
    page_url = serializers.SerializerMethodField(help_text=_("The photo's page (public once published)."))
    image_url = serializers.SerializerMethodField(help_text=_("The photo, JPEG without EXIF."))
    thumbnail_url = serializers.SerializerMethodField(help_text=_("A thumbnail of at most 400 pixels a side."))
    organization = PhotoOrganizationSerializer(read_only=True)
    theme = PhotoThemeSerializer(read_only=True)
    moderation = serializers.ChoiceField(source="status", choices=PhotoStatus.choices, read_only=True)

    class Meta:
        model = Photo
        fields = ["id", "url", "page_url", "image_url", "thumbnail_url", "caption", "place", "taken_on", "theme",
                  "organization", "moderation", "rejection_reason", "width", "height", "uploaded_at"]
        read_only_fields = fields

    def _absolute(self, name: str, photo: Photo) -> str:
        path = reverse(name, kwargs={"pk": photo.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, photo: Photo) -> str:
        return self._absolute("exhibition:photo-detail", photo)

    @extend_schema_field(OpenApiTypes.URI)
    def get_image_url(self, photo: Photo) -> str:
        return self._absolute("exhibition:photo-image", photo)

    @extend_schema_field(OpenApiTypes.URI)
    def get_thumbnail_url(self, photo: Photo) -> str:
        return self._absolute("exhibition:photo-thumbnail", photo)


@extend_schema_field(OpenApiTypes.INT)
class ThemeIdField(serializers.Field):
    """A theme by its id."""

    default_error_messages = {"unknown": _("Unknown theme: {id}."), "invalid": _("Enter a theme id.")}

    def to_internal_value(self, data):
        try:
            pk = int(data)
        except (TypeError, ValueError):
            self.fail("invalid")
        if not 1 <= pk <= MAX_ID:
            self.fail("unknown", id=data)
        user = self.context["request"].user
        theme = themes_visible_to(user).filter(pk=pk).first()
        if theme is None:
            self.fail("unknown", id=pk)
        return theme

    def to_representation(self, value):
        return value.pk


class PhotoFilterSerializer(serializers.Serializer):
    theme = ThemeIdField(required=False)
    township = serializers.CharField(max_length=50, required=False)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    moderation = serializers.ChoiceField(choices=PhotoStatus.choices, required=False)
    organization = OrganizationCodeField(required=False, help_text=_("Photos of this organisation and those under it."))


class PhotoUploadSerializer(serializers.Serializer):
    organization = OrganizationCodeField(help_text=_(
        "Code of the organisation the photos show; you must be one of its admins."))
    theme = ThemeIdField()
    caption = serializers.CharField(max_length=200)
    place = serializers.CharField(max_length=100, required=False, allow_blank=True)
    taken_on = serializers.DateField(help_text=_("Never in the future."))
    files = serializers.ListField(
        child=serializers.FileField(), min_length=1, max_length=MAX_PHOTOS,
        help_text=_("Photos (JPEG, PNG or WebP); stored re-encoded without EXIF or GPS location."),
    )


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text=_("Shown to the uploader."))
