"""What the honours endpoints show and accept.

An honour's public fields only: names as given, township, sector, certificate number and
the verify page. No member codes, no phone numbers; the organisation's code (public on
every list) names it for a client."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pacesetter.api.serializers import CodeField, OrganizationCodeField
from pacesetter.linkage.api.serializers import UnitField
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.queries import members_visible_to
from pacesetter.selections.enums import NomineeKind
from pacesetter.selections.models import HonourKind

from ..models import Honour
from ..queries import selections_to_commend

MAX_ID = 2**63 - 1


def _kinds(user):
    return HonourKind.objects.all()


@extend_schema_field(OpenApiTypes.STR)
class HonourKindCodeField(CodeField):
    """An honour kind by its code (advanced_collective, red_flag_branch, …)."""

    default_error_messages = {"unknown": _("Unknown honour kind: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=_kinds, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class HonouredMemberCodeField(CodeField):
    """A party member by member code, among the members the requesting user sees."""

    default_error_messages = {"unknown": _("Unknown member: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=members_visible_to, **kwargs)


def verify_url(serializer, honour: Honour) -> str:
    path = reverse("honours:verify", kwargs={"token": honour.verify_token})
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class HonourKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = HonourKind
        fields = ["code", "name"]
        read_only_fields = fields


class HonourSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:honour-detail", lookup_url_kwarg="id")
    verify_url = serializers.SerializerMethodField(help_text=_("The public page the certificate's QR code opens."))
    kind = HonourKindSerializer(read_only=True)
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    affiliate_unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True,
                                                  help_text=_("The affiliate unit's code, for an honour of one."))
    sector = serializers.ChoiceField(choices=Sector.choices, read_only=True)
    revoked = serializers.SerializerMethodField()

    class Meta:
        model = Honour
        fields = ["id", "url", "verify_url", "certificate_no", "year", "kind", "organization", "organization_name",
                  "member_name", "affiliate_unit", "affiliate_unit_name", "township", "sector", "citation",
                  "commended_on", "selection", "revoked", "revoked_at", "revoked_reason"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_verify_url(self, honour: Honour) -> str:
        return verify_url(self, honour)

    def get_revoked(self, honour: Honour) -> bool:
        return honour.revoked_at is not None


class HonourFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1, max_value=9999, required=False)
    kind = HonourKindCodeField(required=False)
    township = serializers.CharField(max_length=50, required=False)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    given_to = serializers.ChoiceField(choices=NomineeKind.choices, required=False,
                                       help_text=_("Honours given to organisations, members or affiliate units."))
    organization = OrganizationCodeField(required=False,
                                         help_text=_("Honours of this organisation and those under it."))
    revoked = serializers.BooleanField(required=False, help_text=_("Revoked honours are listed to county admins only."))


class HonourCreateSerializer(serializers.Serializer):
    kind = HonourKindCodeField()
    year = serializers.IntegerField(min_value=1, max_value=9999)
    organization = OrganizationCodeField(required=False,
                                         help_text=_("Required, except for an affiliate unit's honour."))
    member = HonouredMemberCodeField(required=False, help_text=_("For an individual honour: the member's code."))
    affiliate_unit = UnitField(required=False, help_text=_("For an affiliate unit's honour: the unit's code."))
    commended_on = serializers.DateField(required=False, help_text=_("Default: the last day of the year (or today)."))
    citation = serializers.CharField(max_length=300, required=False, allow_blank=True)


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


@extend_schema_field(OpenApiTypes.INT)
class SelectionIdField(serializers.Field):
    """A final selection by its id."""

    default_error_messages = {"unknown": _("Unknown selection: {id}."), "invalid": _("Enter a selection id.")}

    def to_internal_value(self, data):
        try:
            pk = int(data)
        except (TypeError, ValueError):
            self.fail("invalid")
        selection = None
        if 1 <= pk <= MAX_ID:
            selection = selections_to_commend(self.context["request"].user).filter(pk=pk).first()
        if selection is None:
            self.fail("unknown", id=data)
        return selection

    def to_representation(self, value):
        return value.pk


class CommendSerializer(serializers.Serializer):
    selection = SelectionIdField()
    commended_on = serializers.DateField(required=False, help_text=_("Default: today."))
    citation = serializers.CharField(max_length=300, required=False, allow_blank=True,
                                     help_text=_("Printed on every certificate."))


class HonourBriefSerializer(serializers.ModelSerializer):
    """An honour as the comparisons show it beside an organisation's results."""

    kind = serializers.CharField(source="kind.name", read_only=True)
    verify_url = serializers.SerializerMethodField(help_text=_("The public page the certificate's QR code opens."))

    class Meta:
        model = Honour
        fields = ["year", "kind", "member_name", "certificate_no", "verify_url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_verify_url(self, honour: Honour) -> str:
        return verify_url(self, honour)
