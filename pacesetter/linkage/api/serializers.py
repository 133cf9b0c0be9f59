"""What the linkage endpoints show and accept."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from pacesetter.api.serializers import CodeField, OrganizationCodeField
from pacesetter.orgs.enums import OrgLevel, Sector

from ..domain.activities import MAX_PHOTOS
from ..enums import AffiliateKind, HonourRecipient
from ..models import ActivityPhoto, AffiliateHonour, AffiliateUnit, JointActivity
from ..queries import units_visible_to


class AffiliateUnitSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:affiliate-unit-detail", lookup_url_kwarg="id")
    affiliate_kind = serializers.ChoiceField(source="kind", choices=AffiliateKind.choices, read_only=True)
    organization = serializers.CharField(source="organization.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    township = serializers.CharField(source="organization.township", read_only=True)
    sector = serializers.CharField(source="organization.sector", read_only=True)

    class Meta:
        model = AffiliateUnit
        fields = ["id", "url", "code", "name", "affiliate_kind", "organization", "organization_name", "township",
                  "sector", "members_count", "head_name", "established", "active"]


class UnitFilterSerializer(serializers.Serializer):
    affiliate_kind = serializers.ChoiceField(choices=AffiliateKind.choices, required=False)
    township = serializers.CharField(max_length=50, required=False)
    organization_sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    organization = serializers.CharField(max_length=32, required=False, help_text=_("A party organisation's code."))


class UnitWriteSerializer(serializers.Serializer):
    affiliate_kind = serializers.ChoiceField(choices=AffiliateKind.choices)
    code = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=100)
    organization = OrganizationCodeField(help_text=_("The party organisation's code."))
    members_count = serializers.IntegerField(min_value=0, max_value=1_000_000, default=0)
    head_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    established = serializers.DateField(required=False, allow_null=True, default=None)
    active = serializers.BooleanField(default=True, help_text=_("Ignored when adding a unit."))


class UnitField(CodeField):
    """An affiliate unit named by its code, among those the user sees."""

    default_error_messages = {"invalid": _("Enter an affiliate unit's code."),
                              "unknown": _("Unknown affiliate unit: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=units_visible_to, **kwargs)


@extend_schema_serializer(component_name="AffiliateHonour")
class HonourSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:affiliate-honour-detail", lookup_url_kwarg="id")
    unit = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    recipient = serializers.ChoiceField(choices=HonourRecipient.choices, read_only=True)

    class Meta:
        model = AffiliateHonour
        fields = ["id", "url", "unit", "unit_name", "year", "title", "recipient", "person_name", "awarded_by"]


class HonourFilterSerializer(serializers.Serializer):
    unit = serializers.CharField(max_length=32, required=False, help_text=_("An affiliate unit's code."))
    year = serializers.IntegerField(min_value=1949, max_value=2100, required=False)


class HonourWriteSerializer(serializers.Serializer):
    unit = UnitField(help_text=_("The affiliate unit's code (ignored when changing an honour)."))
    year = serializers.IntegerField(min_value=1949, max_value=2100)
    title = serializers.CharField(max_length=100)
    recipient = serializers.ChoiceField(choices=HonourRecipient.choices, default=HonourRecipient.COLLECTIVE)
    person_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    awarded_by = serializers.CharField(max_length=100)


@extend_schema_serializer(component_name="JointActivityPhoto")
class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ActivityPhoto
        fields = ["id", "original_name", "size", "width", "height", "url"]

    def get_url(self, photo) -> str:
        request = self.context.get("request")
        url = reverse("linkage:photo", args=[photo.pk])
        return request.build_absolute_uri(url) if request else url


@extend_schema_serializer(component_name="JointActivity")
class ActivitySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:joint-activity-detail", lookup_url_kwarg="id")
    organization = serializers.CharField(source="organization.code", read_only=True)
    units = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta:
        model = JointActivity
        fields = ["id", "url", "organization", "held_on", "title", "description", "participants", "units", "photos"]


@extend_schema_serializer(component_name="JointActivityPhotoUpload")
class PhotoUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(), min_length=1, max_length=MAX_PHOTOS,
        help_text=_("Photos (JPEG, PNG or WebP); stored re-encoded without EXIF or GPS location."),
    )


class ActivityFilterSerializer(serializers.Serializer):
    organization = serializers.CharField(max_length=32, required=False, help_text=_("A party organisation's code."))
    year = serializers.IntegerField(min_value=1949, max_value=2100, required=False)


@extend_schema_serializer(component_name="JointActivityWrite")
class ActivityWriteSerializer(serializers.Serializer):
    organization = OrganizationCodeField(help_text=_("The party organisation's code (ignored when changing)."))
    units = serializers.ListField(child=UnitField(), min_length=1, max_length=50)
    held_on = serializers.DateField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    participants = serializers.IntegerField(min_value=0, max_value=100_000, default=0)


class CoverageFilterSerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=[("sector", _("sector")), ("township", _("township"))],
                                       default="sector")
    level = serializers.ChoiceField(choices=OrgLevel.choices, required=False)
    township = serializers.CharField(max_length=50, required=False)
    organization_sector = serializers.ChoiceField(choices=Sector.choices, required=False)


class CoverageKindSerializer(serializers.Serializer):
    affiliate_kind = serializers.ChoiceField(choices=AffiliateKind.choices)
    count = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True, help_text=_("count / organisations, null for none."))


class CoverageRowSerializer(serializers.Serializer):
    group = serializers.CharField(help_text=_("The sector or township; empty on the last row, for all."))
    organisations = serializers.IntegerField()
    kinds = CoverageKindSerializer(many=True)


def coverage_row(row) -> dict:
    return {"group": row.key, "organisations": row.total,
            "kinds": [{"affiliate_kind": kind, "count": number, "share": share}
                      for kind, (number, share) in zip(AffiliateKind.values, row.cells, strict=True)]}
