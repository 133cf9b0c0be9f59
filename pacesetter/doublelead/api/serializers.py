"""What the double-lead endpoints show and accept. Choice fields carry names of their own
(`enterprise_kind`, `help_kind`) so the schema's enums do not collide with other apps'."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from pacesetter.api.serializers import MAX_ID, CodeField
from pacesetter.orgs.queries import members_visible_to

from ..enums import EnterpriseKind, HelpKind
from ..models import (
    DoubleLeadMember,
    Enterprise,
    HelpedHousehold,
    Training,
    YearFigures,
)

MONEY = {"max_digits": 10, "decimal_places": 2, "min_value": 0}


class HolderField(serializers.PrimaryKeyRelatedField):
    """A double-lead member by id, found only among those the requesting user sees."""

    def get_queryset(self):
        from ..queries import double_lead_members_visible_to

        return double_lead_members_visible_to(self.context["request"].user).select_related("member__organization")


class DoubleLeadEnterpriseSerializer(serializers.ModelSerializer):
    holder = HolderField(help_text=_("The double-lead member's id; fixed once added."))
    url = serializers.HyperlinkedIdentityField(view_name="api:double-lead-enterprise-detail", lookup_url_kwarg="id")
    enterprise_kind = serializers.ChoiceField(source="kind", choices=EnterpriseKind.choices)

    class Meta:
        model = Enterprise
        fields = ["id", "url", "holder", "name", "enterprise_kind", "industry", "founded_year", "employees"]


class DoubleLeadHouseholdSerializer(serializers.ModelSerializer):
    holder = HolderField(help_text=_("The double-lead member's id; fixed once added."))
    url = serializers.HyperlinkedIdentityField(view_name="api:double-lead-household-detail", lookup_url_kwarg="id")
    help_kind = serializers.ChoiceField(choices=HelpKind.choices)

    class Meta:
        model = HelpedHousehold
        fields = ["id", "url", "holder", "head_name", "village", "since_year", "help_kind", "note"]


class DoubleLeadFiguresSerializer(serializers.ModelSerializer):
    holder = HolderField(help_text=_("The double-lead member's id; fixed once added."))
    url = serializers.HyperlinkedIdentityField(view_name="api:double-lead-figures-detail", lookup_url_kwarg="id")
    own_income = serializers.DecimalField(**MONEY, help_text=_("10,000 yuan."))
    helped_income_increase = serializers.DecimalField(**MONEY, help_text=_("10,000 yuan."))

    class Meta:
        model = YearFigures
        fields = ["id", "url", "holder", "year", "own_income", "helped_income_increase", "jobs_created"]
        validators = []  # one set per year: the domain refuses a second one, under `year`


class DoubleLeadTrainingSerializer(serializers.ModelSerializer):
    holder = HolderField(help_text=_("The double-lead member's id; fixed once added."))
    url = serializers.HyperlinkedIdentityField(view_name="api:double-lead-training-detail", lookup_url_kwarg="id")
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0)

    class Meta:
        model = Training
        fields = ["id", "url", "holder", "held_on", "title", "attendees", "hours"]


class DoubleLeadMemberSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:double-lead-member-detail", lookup_url_kwarg="id")
    member_code = serializers.CharField(source="member.code", read_only=True)
    name = serializers.CharField(source="member.name", read_only=True)
    organization = serializers.CharField(source="member.organization.code", read_only=True)
    township = serializers.CharField(source="member.organization.township", read_only=True)
    enterprises = DoubleLeadEnterpriseSerializer(many=True, read_only=True)
    households = DoubleLeadHouseholdSerializer(many=True, read_only=True)
    figures = DoubleLeadFiguresSerializer(many=True, read_only=True)
    trainings = DoubleLeadTrainingSerializer(many=True, read_only=True)

    class Meta:
        model = DoubleLeadMember
        fields = ["id", "url", "member_code", "name", "organization", "township", "registered_on", "active", "note",
                  "enterprises", "households", "figures", "trainings"]
        read_only_fields = ["registered_on"]


class DoubleLeadMemberFilterSerializer(serializers.Serializer):
    township = serializers.CharField(max_length=50, required=False)
    industry = serializers.CharField(max_length=50, required=False)
    active = serializers.BooleanField(required=False, allow_null=True, default=None)
    q = serializers.CharField(max_length=100, required=False, help_text=_("Name, member code or enterprise."))


@extend_schema_field(OpenApiTypes.STR)
class MemberCodeField(CodeField):
    default_error_messages = {"unknown": _("Unknown member: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=lambda user: members_visible_to(user).select_related("organization"), **kwargs)


class DoubleLeadRegisterSerializer(serializers.Serializer):
    member_code = MemberCodeField(help_text=_("A rural party member of an organisation you manage."))
    registered_on = serializers.DateField(required=False, default=None, allow_null=True)
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class DoubleLeadMemberChangeSerializer(serializers.Serializer):
    active = serializers.BooleanField(required=False)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class DoubleLeadPartFilterSerializer(serializers.Serializer):
    holder = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, help_text=_("A double-lead member's id."))


class DoubleLeadYearTotalsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    members = serializers.IntegerField(help_text=_("Members with figures that year."))
    own_income = serializers.DecimalField(max_digits=14, decimal_places=2)
    own_income_avg = serializers.DecimalField(max_digits=14, decimal_places=2)
    helped_income_increase = serializers.DecimalField(max_digits=14, decimal_places=2)
    jobs_created = serializers.IntegerField()


class DoubleLeadEnterpriseCountSerializer(serializers.Serializer):
    enterprise_kind = serializers.ChoiceField(choices=EnterpriseKind.choices)
    count = serializers.IntegerField()


class DoubleLeadHouseholdsByYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    households = serializers.IntegerField(help_text=_("Households helped by the end of the year."))


class DoubleLeadTrainingsByYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    trainings = serializers.IntegerField()
    attendees = serializers.IntegerField()
    hours = serializers.DecimalField(max_digits=10, decimal_places=1)


class DoubleLeadTownshipSerializer(serializers.Serializer):
    township = serializers.CharField()
    members = serializers.IntegerField(help_text=_("Registered by the end of the year shown."))
    active = serializers.IntegerField()
    enterprises = DoubleLeadEnterpriseCountSerializer(many=True, help_text=_("Founded by the end of the year shown."))
    households = serializers.IntegerField(help_text=_("Helped by the end of the year shown."))
    years = DoubleLeadYearTotalsSerializer(many=True)
    households_by_year = DoubleLeadHouseholdsByYearSerializer(many=True)
    trainings_by_year = DoubleLeadTrainingsByYearSerializer(many=True)


class DoubleLeadStatisticsFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1949, max_value=2100, required=False,
                                    help_text=_("Counts as at the end of this year; default: the latest year with "
                                                "figures."))


@extend_schema_serializer(many=False)  # the list action answers one object, not a list
class DoubleLeadStatisticsSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True, help_text=_("The year the counts are as at."))
    townships = DoubleLeadTownshipSerializer(many=True)
    county = DoubleLeadYearTotalsSerializer(many=True, help_text=_("All townships together, year by year."))
