"""Serializers of /api/v1/comparisons/: query-string filters in, comparison figures out."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pacesetter.evaluation.enums import RoundKind
from pacesetter.honours.api.serializers import HonourBriefSerializer
from pacesetter.orgs.enums import OrgLevel, Sector

GROUPINGS = [("township", _("township")), ("sector", _("sector"))]


class RoundFilterSerializer(serializers.Serializer):
    round = serializers.IntegerField(
        required=False, min_value=1,
        help_text=_("A released round's id; the newest released round when left out."),
    )


class HistoryFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RoundKind.choices, required=False, help_text=_("Rounds of this kind only."))


class WithinFilterSerializer(RoundFilterSerializer):
    level = serializers.ChoiceField(
        choices=OrgLevel.choices, required=False,
        help_text=_("Every unit of this level below the organisation; its direct subordinates when left out."),
    )
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    township = serializers.CharField(max_length=50, required=False)


class OutsideFilterSerializer(RoundFilterSerializer):
    by = serializers.ChoiceField(choices=GROUPINGS, required=False, default="township")
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    level = serializers.ChoiceField(choices=OrgLevel.choices, required=False)
    township = serializers.CharField(max_length=50, required=False)


class RoundRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class UnitSerializer(serializers.Serializer):
    """An organisation's result in a round."""

    code = serializers.CharField(source="subject.organization.code")
    name = serializers.CharField(source="subject.organization.name")
    composite = serializers.FloatField(allow_null=True)
    grade = serializers.CharField(help_text=_("advanced, good, fair, lagging, or empty when not graded."))
    rank_peer = serializers.IntegerField(allow_null=True)
    peer_size = serializers.IntegerField(allow_null=True)
    rank_county = serializers.IntegerField(allow_null=True)


class HistoryRowSerializer(serializers.Serializer):
    round_id = serializers.IntegerField()
    round_name = serializers.CharField()
    round_kind = serializers.CharField()
    opens_at = serializers.DateTimeField()
    composite = serializers.FloatField(allow_null=True)
    grade = serializers.CharField()
    rank_peer = serializers.IntegerField(allow_null=True)
    peer_size = serializers.IntegerField(allow_null=True)
    percentile = serializers.FloatField(allow_null=True, help_text=_("Share of the peer group ranked below, 0–100."))
    rank_county = serializers.IntegerField(allow_null=True)
    peer_group = serializers.CharField()


class HistorySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    rounds = HistoryRowSerializer(many=True)
    honours = HonourBriefSerializer(many=True, help_text=_("Its honours in force (and its members'), newest first."))


class PeerSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    mean = serializers.FloatField()
    min = serializers.FloatField()
    q1 = serializers.FloatField(help_text=_("Lower quartile (nearest rank)."))
    median = serializers.FloatField()
    q3 = serializers.FloatField(help_text=_("Upper quartile (nearest rank)."))
    max = serializers.FloatField()


class BinSerializer(serializers.Serializer):
    low = serializers.IntegerField()
    high = serializers.IntegerField()
    count = serializers.IntegerField()


class PeersSerializer(serializers.Serializer):
    round = RoundRefSerializer()
    unit = UnitSerializer(source="result")
    peer_group = serializers.CharField(source="result.peer_group")
    percentile = serializers.FloatField(allow_null=True, help_text=_("Share of the peer group ranked below, 0–100."))
    summary = PeerSummarySerializer(allow_null=True, help_text=_("Null for a peer group of fewer than 3 ranked."))
    bins = BinSerializer(many=True)
    neighbours = UnitSerializer(many=True, help_text=_("Peers you can see, ranked around the organisation."))


class GroupSerializer(serializers.Serializer):
    """A township's or sector's figures; mean and grades are null for fewer than 3 scored."""

    key = serializers.CharField()
    count = serializers.IntegerField()
    scored = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    difference = serializers.FloatField(allow_null=True, help_text=_("Mean minus the county's mean."))
    rank = serializers.IntegerField(allow_null=True)
    grades = serializers.DictField(child=serializers.IntegerField(), allow_null=True)
