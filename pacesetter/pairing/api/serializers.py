"""What the pairing endpoints show and accept: pairings with their parties, help logs and
their photos, recommendation runs with their rows, and the effect of helping."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from pacesetter.api.serializers import MAX_ID
from pacesetter.orgs.queries import leaders_visible_to, members_visible_to, organizations_visible_to

from ..domain.pairings import MAX_PARTIES, MAX_PHOTOS
from ..domain.recommendations import MAX_CAPACITY
from ..enums import PairingKind, PairingState, PartySide, RowDecision, RunState
from ..models import HelpLog, HelpPhoto, Pairing, PairingParty, RecommendationRow, RecommendationRun

PARTY_TYPES = [("organization", _("organisation")), ("member", _("party member")),
               ("leader", _("county-level leader"))]
LOOKUPS = {"organization": organizations_visible_to, "member": members_visible_to, "leader": leaders_visible_to}


class PairingPartySerializer(serializers.ModelSerializer):
    party_side = serializers.ChoiceField(source="side", choices=PartySide.choices, read_only=True)
    party_type = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    organization_code = serializers.CharField(source="home.code", read_only=True)

    class Meta:
        model = PairingParty
        fields = ["party_side", "party_type", "name", "organization_code"]

    def get_party_type(self, party) -> str:
        return "organization" if party.organization_id else ("member" if party.member_id else "leader")

    def get_name(self, party) -> str:
        return party.party.name


class PairingSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:pairing-detail", lookup_url_kwarg="id")
    pairing_kind = serializers.ChoiceField(source="kind", choices=PairingKind.choices, read_only=True)
    pairing_state = serializers.ChoiceField(source="state", choices=PairingState.choices, read_only=True)
    parties = PairingPartySerializer(many=True, read_only=True)

    class Meta:
        model = Pairing
        fields = ["id", "url", "pairing_kind", "goals", "starts_on", "ends_on", "pairing_state", "end_reason",
                  "replaced_by", "parties"]


class PairingFilterSerializer(serializers.Serializer):
    pairing_kind = serializers.ChoiceField(choices=PairingKind.choices, required=False)
    pairing_state = serializers.ChoiceField(choices=PairingState.choices, required=False)


class PairingPartyRefSerializer(serializers.Serializer):
    """A party named by its type and code, found only among those the user sees."""

    party_type = serializers.ChoiceField(choices=PARTY_TYPES)
    code = serializers.CharField(max_length=32)

    def validate(self, attrs):
        user = self.context["request"].user
        found = LOOKUPS[attrs["party_type"]](user).filter(code=attrs["code"].strip()).first()
        if found is None:
            raise serializers.ValidationError({"code": _("Not found among those you see: %(code)s.")
                                               % {"code": attrs["code"]}})
        return found


def parties_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=PairingPartyRefSerializer(), max_length=MAX_PARTIES, **kwargs)


class PairingWriteSerializer(serializers.Serializer):
    pairing_kind = serializers.ChoiceField(choices=PairingKind.choices)
    goals = serializers.CharField(max_length=2000)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    helpers = parties_field()
    helped = parties_field()


class PairingChangeSerializer(serializers.Serializer):
    goals = serializers.CharField(max_length=2000, required=False)
    ends_on = serializers.DateField(required=False, allow_null=True)


class PairingEndSerializer(serializers.Serializer):
    on = serializers.DateField(help_text=_("The last day of the pairing, not in the future."))
    reason = serializers.CharField(max_length=200)


class PairingReplaceSerializer(PairingEndSerializer):
    goals = serializers.CharField(max_length=2000, required=False, help_text=_("Default: the old pairing's."))
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    helpers = parties_field(help_text=_("The new helper side."))
    helped = parties_field(required=False, help_text=_("Default: the old pairing's helped parties."))


class HelpPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = HelpPhoto
        fields = ["id", "original_name", "size", "width", "height", "url"]

    def get_url(self, photo) -> str:
        url = reverse("pairing:photo", args=[photo.log.pairing_id, photo.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class HelpLogSerializer(serializers.ModelSerializer):
    photos = HelpPhotoSerializer(many=True, read_only=True)

    class Meta:
        model = HelpLog
        fields = ["id", "pairing", "date", "activity", "people", "money", "goods", "photos", "created_at"]


class HelpLogWriteSerializer(serializers.Serializer):
    date = serializers.DateField()
    activity = serializers.CharField(max_length=2000)
    people = serializers.IntegerField(min_value=0, max_value=100_000, default=0)
    money = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, default=0)
    goods = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class HelpPhotosWriteSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), min_length=1, max_length=MAX_PHOTOS)


class RecommendationRowSerializer(serializers.ModelSerializer):
    helper = serializers.CharField(source="helper.code", read_only=True)
    helper_name = serializers.CharField(source="helper.name", read_only=True)
    helped = serializers.CharField(source="helped.code", read_only=True)
    helped_name = serializers.CharField(source="helped.name", read_only=True)
    row_decision = serializers.ChoiceField(source="decision", choices=RowDecision.choices, read_only=True)
    reasons = serializers.ListField(child=serializers.DictField(), read_only=True,
                                    help_text=_("Each {code, value}: gap, same_township, complementary, "
                                                "urban_rural, not_last_year."))
    alternatives = serializers.ListField(child=serializers.DictField(), read_only=True,
                                         help_text=_("Other allowed helpers, cheapest first: {helper (id), "
                                                     "score, cost}."))

    class Meta:
        model = RecommendationRow
        fields = ["id", "helper", "helper_name", "helped", "helped_name", "helper_score", "helped_score", "cost",
                  "reasons", "alternatives", "row_decision", "pairing"]


class RecommendationRunSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:pairing-recommendation-detail", lookup_url_kwarg="id")
    round_name = serializers.CharField(source="round.name", read_only=True)
    run_state = serializers.ChoiceField(source="state", choices=RunState.choices, read_only=True)

    class Meta:
        model = RecommendationRun
        fields = ["id", "url", "round", "round_name", "capacity", "run_state", "helpers", "helped", "total_cost",
                  "created_at"]


class RecommendationRunDetailSerializer(RecommendationRunSerializer):
    rows = serializers.SerializerMethodField()

    class Meta(RecommendationRunSerializer.Meta):
        fields = [*RecommendationRunSerializer.Meta.fields, "rows"]

    @extend_schema_field(RecommendationRowSerializer(many=True))
    def get_rows(self, run) -> list[dict]:
        """The rows the view read (helper and helped joined), in the order of the page."""
        return RecommendationRowSerializer(self.context["rows"], many=True).data


class RecommendationRunWriteSerializer(serializers.Serializer):
    round = serializers.IntegerField(min_value=1, help_text=_("A released round's id."))
    k = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY, default=2, help_text=_("Units per helper."))


class RecommendationDecideSerializer(serializers.Serializer):
    row_decision = serializers.ChoiceField(choices=RowDecision.choices, required=False)
    helper = serializers.CharField(max_length=32, required=False,
                                   help_text=_("Swap: the code of one of the row's other candidates."))

    def validate(self, attrs):
        if ("row_decision" in attrs) == ("helper" in attrs):
            raise serializers.ValidationError(_("Give a decision or a helper to swap to, not both."))
        return attrs


class RecommendationCreateSerializer(serializers.Serializer):
    starts_on = serializers.DateField(required=False, help_text=_("Default: today."))


class PairingEffectFilterSerializer(serializers.Serializer):
    earlier = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, help_text=_("A released round's id."))
    later = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False,
                                     help_text=_("A later released round's id; both default to the latest two."))


class EffectSummarySerializer(serializers.Serializer):
    n = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    low = serializers.FloatField(allow_null=True, help_text=_("Lower end of the 95-percent interval."))
    high = serializers.FloatField(allow_null=True)


class EffectUnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    before = serializers.FloatField()
    after = serializers.FloatField()
    change = serializers.FloatField()
    grade_before = serializers.CharField()
    grade_after = serializers.CharField()


class EffectHelperSerializer(serializers.Serializer):
    helper = serializers.CharField()
    units = serializers.IntegerField()
    mean = serializers.FloatField()


@extend_schema_serializer(many=False)  # the list action answers one object, not a list
class PairingEffectSerializer(serializers.Serializer):
    earlier = serializers.IntegerField(allow_null=True)
    later = serializers.IntegerField(allow_null=True)
    helped = EffectUnitSerializer(many=True)
    helped_summary = EffectSummarySerializer(allow_null=True)
    control_summary = EffectSummarySerializer(allow_null=True, help_text=_("Comparable lagging units nobody helped."))
    difference = EffectSummarySerializer(allow_null=True, help_text=_("Helped minus unhelped mean change (Welch)."))
    by_helper = EffectHelperSerializer(many=True)
