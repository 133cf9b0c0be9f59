"""What the commitment endpoints show and accept.

Writes are the domain functions of `commitments.domain`, called by the views through
`call_domain` (a refusal is a 400 naming the field; a permission refusal a 403).
Organisations, members, goals and campaigns named in input are looked up here: the first
two among those the requesting user sees, so one outside the view is "unknown" exactly
like one that does not exist.
"""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pacesetter.api.serializers import CodeField, OrganizationCodeField
from pacesetter.campaigns.models import Campaign
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.models import Goal
from pacesetter.orgs.queries import members_visible_to

from .. import dashboard
from ..enums import (
    Category,
    CommitmentStatus,
    DeliveryStatus,
    FeedbackKind,
    FeedbackStatus,
    Judgement,
    Outcome,
    VersionKind,
)
from ..models import (
    Commitment,
    CommitmentItem,
    Evidence,
    Feedback,
    ItemVersion,
    SuperiorReview,
)


def _user(serializer: serializers.Field):
    return serializer.context["request"].user


def _absolute(serializer: serializers.Field, url: str) -> str:
    return serializer.context["request"].build_absolute_uri(url)


def _visible_members(user):
    return members_visible_to(user).select_related("organization", "user")


def _goals(user):
    return Goal.objects.all()


@extend_schema_field(OpenApiTypes.STR)
class MemberCodeField(CodeField):
    """A party member by member code, among the members the requesting user sees."""

    default_error_messages = {"unknown": _("Unknown member: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=_visible_members, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class GoalCodeField(CodeField):
    """A node of the county's goal framework, by its code (the domain refuses one not in force)."""

    default_error_messages = {"unknown": _("Unknown county goal: {code}.")}

    def __init__(self, **kwargs):
        super().__init__(lookup=_goals, **kwargs)


# --- Items ----------------------------------------------------------------------


class ItemSerializer(serializers.ModelSerializer):
    commitment = serializers.IntegerField(source="commitment_id", read_only=True)
    goal = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text=_("Code of the county goal the item serves.")
    )
    status = serializers.ChoiceField(
        choices=DeliveryStatus.choices, source="delivery", read_only=True,
        help_text=_("On track, overdue (open with its deadline passed), delivered or not delivered."),
    )
    url = serializers.HyperlinkedIdentityField(view_name="api:commitment-item-detail", lookup_url_kwarg="id")
    timeline_url = serializers.HyperlinkedIdentityField(
        view_name="api:commitment-item-timeline", lookup_url_kwarg="id"
    )

    class Meta:
        model = CommitmentItem
        fields = [
            "id", "commitment", "order", "content", "target", "deadline", "category", "goal", "progress", "outcome",
            "outcome_on", "status", "updated_at", "url", "timeline_url",
        ]
        read_only_fields = fields


class ItemInputSerializer(serializers.Serializer):
    """An item's fields; all but the goal are required when adding one, any of them when
    changing one."""

    content = serializers.CharField(max_length=500, help_text=_("What is promised."))
    target = serializers.CharField(max_length=300, help_text=_("How its delivery is measured."))
    deadline = serializers.DateField(help_text=_("Within the campaign's dates."))
    category = serializers.ChoiceField(choices=Category.choices)
    goal = GoalCodeField(required=False, allow_null=True, help_text=_("Code of the county goal it serves, or null."))

    def validate(self, attrs):
        if self.partial and not attrs:
            raise serializers.ValidationError(_("Give at least one field to change."))
        return attrs


class ProgressSerializer(serializers.Serializer):
    progress = serializers.IntegerField(min_value=0, max_value=100, help_text=_("Percent done, 0–100."))
    note = serializers.CharField(max_length=2000, help_text=_("What was done: it appears on the public timeline."))
    files = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=10,
        help_text=_("Evidence: photos (JPEG, PNG, WebP) and documents (PDF, Word, Excel, WPS, OFD, text)."),
    )


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, help_text=_("delivered or not_delivered; open reopens the item (superiors only)."),
    )
    note = serializers.CharField(max_length=2000, help_text=_("Why: it appears on the public timeline."))


class EvidenceSerializer(serializers.ModelSerializer):
    """A file of a progress update; its URLs are the pages' own, which check who may read it."""

    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField(help_text=_("Photos only."))

    class Meta:
        model = Evidence
        fields = [
            "id", "kind", "original_name", "extension", "content_type", "size", "sha256", "width", "height", "url",
            "thumbnail_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Evidence) -> str:
        return _absolute(self, reverse("commitments:evidence-file", kwargs={"pk": obj.pk}))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_thumbnail_url(self, obj: Evidence) -> str | None:
        if not obj.thumbnail:
            return None
        return _absolute(self, reverse("commitments:evidence-thumbnail", kwargs={"pk": obj.pk}))


class VersionSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=VersionKind.choices, read_only=True)
    snapshot = serializers.JSONField(
        read_only=True,
        help_text=_("The item after the event: content, target, deadline, category, goal id, progress, outcome."),
    )
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ItemVersion
        fields = ["number", "kind", "at", "actor_name", "note", "snapshot", "evidence"]
        read_only_fields = fields


# --- Pledges --------------------------------------------------------------------


class SuperiorReviewSerializer(serializers.ModelSerializer):
    by_org_code = serializers.CharField(source="by_organization.code", read_only=True)
    points = serializers.IntegerField(read_only=True)

    class Meta:
        model = SuperiorReview
        fields = ["judgement", "points", "comment", "by_org_code", "at"]
        read_only_fields = fields


class CommitmentSerializer(serializers.ModelSerializer):
    campaign_name = serializers.CharField(source="campaign.name", read_only=True)
    org_code = serializers.CharField(source="organization.code", read_only=True)
    org_name = serializers.CharField(source="organization.name", read_only=True)
    member_code = serializers.CharField(
        source="member.code", read_only=True, allow_null=True, default=None,
        help_text=_("The member whose pledge it is; null for the organisation's own."),
    )
    owner_name = serializers.CharField(read_only=True)
    superior_review = serializers.SerializerMethodField(help_text=_("The superior organisation's judgement (评诺)."))
    items = ItemSerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:commitment-detail", lookup_url_kwarg="id")

    class Meta:
        model = Commitment
        fields = [
            "id", "campaign", "campaign_name", "org_code", "org_name", "member_code", "owner_name", "status",
            "submitted_at", "published_at", "return_reason", "superior_review", "items", "url",
        ]
        read_only_fields = fields

    @extend_schema_field(SuperiorReviewSerializer(allow_null=True))
    def get_superior_review(self, obj: Commitment):
        review = getattr(obj, "superior_review", None)
        return None if review is None else SuperiorReviewSerializer(review).data


class CommitmentCreateSerializer(serializers.Serializer):
    """Start (or find) the draft pledge of an organisation or of a member."""

    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all(), help_text=_("Id of the campaign."))
    org_code = OrganizationCodeField(required=False, help_text=_("The organisation pledging (its admins write it)."))
    member_code = MemberCodeField(required=False, help_text=_("The member pledging (they write it themself)."))

    def validate(self, attrs):
        if ("org_code" in attrs) == ("member_code" in attrs):
            raise serializers.ValidationError(_("Give either org_code or member_code."))
        return attrs


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text=_("What the authors should change."))


class JudgeSerializer(serializers.Serializer):
    judgement = serializers.ChoiceField(choices=Judgement.choices)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class CommitmentFilterSerializer(serializers.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all(), required=False)
    status = serializers.ChoiceField(choices=CommitmentStatus.choices, required=False)
    org = OrganizationCodeField(required=False, help_text=_("Pledges of this organisation and of its members."))
    member = MemberCodeField(required=False, help_text=_("The pledge of this member."))


class ItemFilterSerializer(serializers.Serializer):
    commitment = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all(), required=False)
    org = OrganizationCodeField(required=False, help_text=_("Items of this organisation's and its members' pledges."))
    status = serializers.ChoiceField(choices=DeliveryStatus.choices, required=False)


# --- Feedback -------------------------------------------------------------------


class FeedbackSerializer(serializers.ModelSerializer):
    """Feedback as its moderators see it. The contact the sender left is never shown."""

    commitment = serializers.IntegerField(source="commitment_id", read_only=True)
    item = serializers.IntegerField(source="item_id", read_only=True, allow_null=True)
    org_code = serializers.CharField(source="commitment.organization.code", read_only=True)
    owner_name = serializers.CharField(source="commitment.owner_name", read_only=True)
    kind = serializers.ChoiceField(choices=FeedbackKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=FeedbackStatus.choices, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:commitment-feedback-detail", lookup_url_kwarg="id")

    class Meta:
        model = Feedback
        fields = [
            "id", "commitment", "item", "org_code", "owner_name", "kind", "text", "name", "status", "created_at",
            "moderated_at", "moderation_reason", "reply", "url",
        ]
        read_only_fields = fields


class ModerateSerializer(serializers.Serializer):
    show = serializers.BooleanField(help_text=_("true: show it on the public page; false: keep it off (give a reason)."))
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)
    reply = serializers.CharField(max_length=2000, required=False, allow_blank=True,
                                  help_text=_("The organisation's answer, shown with it."))


class FeedbackFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=FeedbackStatus.choices, required=False)
    kind = serializers.ChoiceField(choices=FeedbackKind.choices, required=False)
    commitment = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


# --- Dashboard ------------------------------------------------------------------


class DashboardFilterSerializer(serializers.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all(), help_text=_("Id of the campaign."))
    township = serializers.CharField(max_length=50, required=False, help_text=_("Exact township name."))
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    kind = serializers.ChoiceField(choices=dashboard.KINDS, required=False, help_text=_("Whose pledges."))


class OverdueFilterSerializer(DashboardFilterSerializer):
    sort = serializers.ChoiceField(
        choices=[(key, label) for key, (label, _order) in dashboard.OVERDUE_SORTS.items()], required=False,
    )


class FiguresSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("Township name, sector or kind of pledge; empty for no township."))
    label = serializers.CharField()
    pledges = serializers.IntegerField()
    items = serializers.IntegerField()
    delivered = serializers.IntegerField()
    not_delivered = serializers.IntegerField()
    overdue = serializers.IntegerField()
    on_track = serializers.IntegerField()
    rated = serializers.IntegerField(help_text=_("Items decided or past their deadline: the rate's denominator."))
    rate = serializers.FloatField(allow_null=True, help_text=_("delivered ÷ rated, 0–1; null when rated is 0."))


class MonthSerializer(serializers.Serializer):
    month = serializers.DateField(help_text=_("The month's first day."))
    delivered = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    campaign = serializers.IntegerField()
    day = serializers.DateField(help_text=_("The day overdue and due are counted on (today)."))
    totals = FiguresSerializer()
    townships = FiguresSerializer(many=True)
    sectors = FiguresSerializer(many=True)
    kinds = FiguresSerializer(many=True, help_text=_("Organisations' pledges, then members' pledges."))
    months = MonthSerializer(many=True, help_text=_("Items delivered per month."))


class OverdueItemSerializer(serializers.ModelSerializer):
    commitment = serializers.IntegerField(source="commitment_id", read_only=True)
    org_code = serializers.CharField(source="commitment.organization.code", read_only=True)
    org_name = serializers.CharField(source="commitment.organization.name", read_only=True)
    township = serializers.CharField(source="commitment.organization.township", read_only=True)
    owner_name = serializers.CharField(source="commitment.owner_name", read_only=True)
    days_overdue = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = CommitmentItem
        fields = [
            "id", "commitment", "org_code", "org_name", "township", "owner_name", "content", "target", "deadline",
            "days_overdue", "progress", "url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: CommitmentItem) -> str:
        return _absolute(self, reverse("api:commitment-item-detail", kwargs={"id": obj.pk}))

