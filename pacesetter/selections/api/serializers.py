"""Serializers of the selection endpoints. Enum fields carry distinct names
(selection_state, nomination_status, objection_state, given_to, nomination_decision) so
the schema's enum components do not clash with other apps' `state` or `status` fields."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pacesetter.campaigns.models import Campaign
from pacesetter.evaluation.enums import Grade
from pacesetter.evaluation.models import Round
from pacesetter.linkage.enums import AffiliateKind

from ..eligibility import describe_rule, explain
from ..enums import NominationStatus, NomineeKind, ObjectionState, QuotaBy, ReviewDecision, ReviewLevel, SelectionState
from ..models import HonourKind, Nomination, NominationReview, Objection, Selection


class SelectionKindSerializer(serializers.ModelSerializer):
    given_to = serializers.ChoiceField(source="nominee", choices=NomineeKind.choices, read_only=True)
    affiliate_kind = serializers.ChoiceField(choices=AffiliateKind.choices, read_only=True, allow_blank=True,
                                             help_text=_("An honour of affiliate units of this kind only; "
                                                         "empty: every kind."))

    class Meta:
        model = HonourKind
        fields = ["id", "code", "name", "given_to", "affiliate_kind", "position", "active"]


class HonourKindCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    given_to = serializers.ChoiceField(choices=NomineeKind.choices)
    affiliate_kind = serializers.ChoiceField(choices=AffiliateKind.choices, required=False, allow_blank=True,
                                             default="", help_text=_("Only when given to affiliate units."))
    code = serializers.SlugField(max_length=40, required=False, allow_blank=True, default="")


class HonourKindChangeSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50, required=False)
    active = serializers.BooleanField(required=False)


class RulesSerializer(serializers.Serializer):
    """The eligibility rules from the fixed catalogue, each with its threshold; leave a rule
    out (or false) to not apply it."""

    min_grade = serializers.ChoiceField(choices=Grade.choices[:3], required=False,
                                        help_text=_("Graded at least this in the selection's round."))
    no_open_case = serializers.BooleanField(required=False)
    min_fulfilment = serializers.IntegerField(min_value=0, max_value=100, required=False)
    formal_members_only = serializers.BooleanField(required=False)
    not_honoured_years = serializers.IntegerField(min_value=1, max_value=20, required=False)
    no_disqualification = serializers.BooleanField(required=False)


class QuotaSerializer(serializers.Serializer):
    group = serializers.CharField(max_length=50, help_text=_("A township, or a sector code."))
    seats = serializers.IntegerField(min_value=0, max_value=1000)


class SelectionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:selection-detail", lookup_url_kwarg="id")
    selection_state = serializers.ChoiceField(source="state", choices=SelectionState.choices, read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    rules = RulesSerializer(read_only=True)
    quotas = QuotaSerializer(many=True, read_only=True)
    notice_url = serializers.SerializerMethodField(help_text=_("The public notice page (no login)."))

    class Meta:
        model = Selection
        fields = ["id", "url", "title", "description", "campaign", "kind", "kind_name", "selection_state", "round",
                  "rules", "quota_by", "default_quota", "quotas", "nominations_close_on", "notice_days",
                  "notice_starts_on", "notice_ends_on", "notice_url"]

    def get_notice_url(self, selection) -> str:
        return self.context["request"].build_absolute_uri(reverse("selections:notice-detail", args=[selection.pk]))


class SelectionCreateSerializer(serializers.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    kind = serializers.PrimaryKeyRelatedField(queryset=HonourKind.objects.all())
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    round = serializers.PrimaryKeyRelatedField(queryset=Round.objects.all(), required=False, allow_null=True,
                                               default=None)
    rules = RulesSerializer(required=False, default=dict)
    quota_by = serializers.ChoiceField(choices=QuotaBy.choices, required=False, default=QuotaBy.COUNTY)
    default_quota = serializers.IntegerField(min_value=1, max_value=1000, required=False, default=1)
    quotas = QuotaSerializer(many=True, required=False, default=list)
    nominations_close_on = serializers.DateField()
    notice_days = serializers.IntegerField(min_value=1, max_value=30, required=False, default=5)

    def domain_data(self) -> dict:
        data = dict(self.validated_data)
        data["quotas"] = {q["group"]: q["seats"] for q in data["quotas"]}
        data["rules"] = dict(data["rules"])
        return data


class SelectionFilterSerializer(serializers.Serializer):
    selection_state = serializers.ChoiceField(choices=SelectionState.choices, required=False)


class StartNoticeSerializer(serializers.Serializer):
    starts_on = serializers.DateField(required=False, allow_null=True, default=None,
                                      help_text=_("Today when left out."))


class NominationReviewSerializer(serializers.ModelSerializer):
    review_level = serializers.ChoiceField(source="level", choices=ReviewLevel.choices, read_only=True)
    nomination_decision = serializers.ChoiceField(source="decision", choices=ReviewDecision.choices, read_only=True)

    class Meta:
        model = NominationReview
        fields = ["review_level", "nomination_decision", "reason", "at"]


class EligibilityRowSerializer(serializers.Serializer):
    rule = serializers.CharField()
    description = serializers.SerializerMethodField()
    passed = serializers.BooleanField()
    explanation = serializers.SerializerMethodField()

    def get_description(self, row) -> str:
        return describe_rule(row["rule"], row["threshold"])

    def get_explanation(self, row) -> str:
        return explain(row)


class NominationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:nomination-detail", lookup_url_kwarg="id")
    selection = serializers.PrimaryKeyRelatedField(read_only=True)
    organization_code = serializers.CharField(source="organization.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    member_code = serializers.CharField(source="member.code", read_only=True, allow_null=True, default=None)
    member_name = serializers.CharField(source="member.name", read_only=True, allow_null=True, default=None)
    affiliate_unit_code = serializers.CharField(source="affiliate_unit.code", read_only=True, allow_null=True, default=None)
    affiliate_unit_name = serializers.CharField(source="affiliate_unit.name", read_only=True, allow_null=True, default=None)
    nominated_by_code = serializers.CharField(source="nominated_by.code", read_only=True)
    nomination_status = serializers.ChoiceField(source="status", choices=NominationStatus.choices, read_only=True)
    record = serializers.SerializerMethodField()
    eligibility = EligibilityRowSerializer(many=True, read_only=True)
    reviews = NominationReviewSerializer(many=True, read_only=True)

    class Meta:
        model = Nomination
        fields = ["id", "url", "selection", "organization_code", "organization_name", "member_code", "member_name",
                  "affiliate_unit_code", "affiliate_unit_name", "nominated_by_code", "statement", "nomination_status", "eligible", "eligibility", "record", "score",
                  "rank", "reviews", "created_at"]

    @extend_schema_field({"type": "object", "additionalProperties": True,
                          "description": "The nominee's record when nominated: grade, composite and ranks in the "
                                         "round, open cases, fulfilment, earlier honours, member status."})
    def get_record(self, nomination) -> dict:
        return nomination.record


class NominationCreateSerializer(serializers.Serializer):
    selection = serializers.IntegerField(min_value=1, max_value=10**18)
    organization_code = serializers.CharField(max_length=32, required=False, allow_blank=True, default="",
                                              help_text=_("The organisation (collective honours)."))
    member_code = serializers.CharField(max_length=32, required=False, allow_blank=True, default="",
                                        help_text=_("The member (individual honours)."))
    affiliate_unit_code = serializers.CharField(max_length=32, required=False, allow_blank=True, default="",
                                                help_text=_("The affiliate unit (honours of affiliate units)."))
    statement = serializers.CharField(max_length=8000, help_text=_("The statement of deeds."))


class NominationFilterSerializer(serializers.Serializer):
    selection = serializers.IntegerField(min_value=1, max_value=10**18, required=False)
    nomination_status = serializers.ChoiceField(choices=NominationStatus.choices, required=False)


class ReviewInputSerializer(serializers.Serializer):
    nomination_decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    reason = serializers.CharField(max_length=2000)


class ObjectionSerializer(serializers.ModelSerializer):
    objection_state = serializers.ChoiceField(source="state", choices=ObjectionState.choices, read_only=True)
    nomination = serializers.PrimaryKeyRelatedField(read_only=True)
    selection = serializers.IntegerField(source="nomination.selection_id", read_only=True)
    nominee = serializers.CharField(source="nomination.__str__", read_only=True)

    class Meta:
        model = Objection
        fields = ["id", "selection", "nomination", "nominee", "text", "name", "contact", "objection_state", "answer",
                  "answered_at", "created_at"]


class ObjectionFilterSerializer(serializers.Serializer):
    selection = serializers.IntegerField(min_value=1, max_value=10**18, required=False)
    objection_state = serializers.ChoiceField(choices=ObjectionState.choices, required=False)


class AnswerSerializer(serializers.Serializer):
    upheld = serializers.BooleanField(help_text=_("True drops the nominee from the list."))
    finding = serializers.CharField(max_length=4000)
