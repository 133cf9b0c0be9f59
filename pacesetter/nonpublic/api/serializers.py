"""What the nonpublic endpoints show and accept. Choice fields carry names of their own
(`entity_kind`, `industry_section`, `party_status`) so the schema's enums do not collide
with other apps'; organisations and members are named by their codes."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from pacesetter.api.serializers import CodeField
from pacesetter.orgs.queries import members_visible_to, organizations_visible_to

from ..domain import MAX_EVIDENCE
from ..enums import EntityKind, Industry, PartyStatus
from ..models import CheckEvidence, ChecklistCheck, EstablishPlan, NonpublicEntity


def _orgs(user):
    return organizations_visible_to(user)


def _members(user):
    return members_visible_to(user)


def _townships(user):
    from ..queries import townships

    return townships()


class NonpublicEntitySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:nonpublic-entity-detail", lookup_url_kwarg="id")
    entity_kind = serializers.ChoiceField(source="kind", choices=EntityKind.choices)
    industry_section = serializers.ChoiceField(source="industry", choices=Industry.choices,
                                               help_text=_("GB/T 4754 section letter."))
    township = serializers.CharField(source="township.code", help_text=_("The township committee's code."))
    township_name = serializers.CharField(source="township.township")
    party_status = serializers.ChoiceField(source="status", choices=PartyStatus.choices)
    covering = serializers.CharField(source="covering.code", allow_null=True, default=None)
    instructor = serializers.CharField(source="instructor.code", allow_null=True, default=None)

    class Meta:
        model = NonpublicEntity
        fields = ["id", "url", "entity_kind", "name", "credit_code", "industry_section", "township", "township_name",
                  "employees", "party_members", "party_status", "status_since", "covering", "instructor"]
        read_only_fields = fields


class NonpublicEntityWriteSerializer(serializers.Serializer):
    entity_kind = serializers.ChoiceField(choices=EntityKind.choices)
    name = serializers.CharField(max_length=100)
    credit_code = serializers.CharField(max_length=30)
    industry_section = serializers.ChoiceField(choices=Industry.choices)
    township = CodeField(lookup=_townships, help_text=_("The township committee's code."))
    employees = serializers.IntegerField(min_value=0, max_value=1_000_000)
    party_members = serializers.IntegerField(min_value=0, max_value=1_000_000)
    instructor = CodeField(lookup=_members, required=False, allow_null=True, default=None,
                           help_text=_("Member code of the party-building instructor (uncovered entities only)."))


class NonpublicRegisterSerializer(NonpublicEntityWriteSerializer):
    party_status = serializers.ChoiceField(choices=PartyStatus.choices, default=PartyStatus.NONE)
    covering = CodeField(lookup=_orgs, required=False, allow_null=True, default=None)
    registered_on = serializers.DateField(required=False, default=None)


class NonpublicStatusSerializer(serializers.Serializer):
    party_status = serializers.ChoiceField(choices=PartyStatus.choices)
    covering = CodeField(lookup=_orgs, required=False, allow_null=True, default=None)
    on = serializers.DateField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class NonpublicEntityFilterSerializer(serializers.Serializer):
    entity_kind = serializers.ChoiceField(choices=EntityKind.choices, required=False)
    industry_section = serializers.ChoiceField(choices=Industry.choices, required=False)
    party_status = serializers.ChoiceField(choices=PartyStatus.choices, required=False)
    township = serializers.CharField(max_length=32, required=False, help_text=_("The township committee's code."))
    q = serializers.CharField(max_length=100, required=False, help_text=_("Name, or the whole credit code."))


class NonpublicPlanSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:nonpublic-plan-detail", lookup_url_kwarg="id")
    entity = serializers.PrimaryKeyRelatedField(read_only=True)
    instructor = serializers.CharField(source="instructor.code")
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = EstablishPlan
        fields = ["id", "url", "entity", "target_date", "instructor", "steps", "done_on", "overdue"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, plan) -> bool:
        return plan.is_overdue(self.context["today"])


@extend_schema_field(OpenApiTypes.INT)
class EntityField(serializers.PrimaryKeyRelatedField):
    """An entity by id, found only among those the requesting user sees."""

    def get_queryset(self):
        from ..queries import entities_visible_to

        return entities_visible_to(self.context["request"].user).select_related("township", "covering")


class NonpublicPlanWriteSerializer(serializers.Serializer):
    entity = EntityField(help_text=_("The entity's id; fixed once the plan exists."))
    target_date = serializers.DateField()
    instructor = CodeField(lookup=_members, help_text=_("Member code of the responsible instructor."))
    steps = serializers.CharField(max_length=2000)


class NonpublicPlanChangeSerializer(serializers.Serializer):
    target_date = serializers.DateField(required=False)
    instructor = CodeField(lookup=_members, required=False)
    steps = serializers.CharField(max_length=2000, required=False)


class NonpublicCheckSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:nonpublic-check-detail", lookup_url_kwarg="id")
    organization = serializers.CharField(source="organization.code")
    item_name = serializers.CharField(source="item.name")
    checked_by = serializers.CharField(source="checked_by.username", allow_null=True, default=None)

    class Meta:
        model = ChecklistCheck
        fields = ["id", "url", "organization", "item", "item_name", "met", "note", "checked_on", "checked_by"]
        read_only_fields = fields


class NonpublicCheckWriteSerializer(serializers.Serializer):
    organization = CodeField(lookup=_orgs, help_text=_("Code of the covering organisation."))
    item = serializers.IntegerField(help_text=_("The checklist item's id."))
    met = serializers.BooleanField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="NonpublicCheckEvidence")
class NonpublicEvidenceSerializer(serializers.ModelSerializer):
    """One evidence file of a check, with the URLs of the page views that serve it."""

    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = CheckEvidence
        fields = ["id", "kind", "original_name", "extension", "content_type", "size", "width", "height",
                  "uploaded_at", "url", "thumbnail_url"]
        read_only_fields = fields

    def _absolute(self, url: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_url(self, evidence) -> str:
        return self._absolute(reverse("nonpublic:evidence", args=[evidence.pk]))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, evidence) -> str | None:
        if not evidence.thumbnail:
            return None
        return self._absolute(reverse("nonpublic:evidence-thumbnail", args=[evidence.pk]))


@extend_schema_serializer(component_name="NonpublicCheckEvidenceUpload")
class NonpublicEvidenceUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(), min_length=1, max_length=MAX_EVIDENCE,
        help_text=_("Photos (JPEG, PNG or WebP) or documents (PDF, Word, Excel, PowerPoint, WPS, OFD or plain "
                    "text); photos are stored re-encoded without EXIF or GPS location."),
    )


class NonpublicCoverageRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    entities = serializers.IntegerField()
    covered = serializers.IntegerField()
    employees = serializers.IntegerField()
    covered_employees = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    employee_rate = serializers.FloatField(allow_null=True)


@extend_schema_serializer(many=False)  # the list action answers one object, not a list
class NonpublicCoverageSerializer(serializers.Serializer):
    total = NonpublicCoverageRowSerializer()
    townships = NonpublicCoverageRowSerializer(many=True)
    industries = NonpublicCoverageRowSerializer(many=True)
    months = NonpublicCoverageRowSerializer(many=True, help_text=_("At the end of each of the last 12 months."))
