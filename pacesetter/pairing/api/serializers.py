"""Serializers of /api/v1/pairings/: pairings with their parties (read)."""
from __future__ import annotations

from rest_framework import serializers

from ..enums import PairingKind, PairingState, PartySide
from ..models import Pairing, PairingParty


class PartySerializer(serializers.ModelSerializer):
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
    parties = PartySerializer(many=True, read_only=True)

    class Meta:
        model = Pairing
        fields = ["id", "url", "pairing_kind", "goals", "starts_on", "ends_on", "pairing_state", "end_reason",
                  "replaced_by", "parties"]


class PairingFilterSerializer(serializers.Serializer):
    pairing_kind = serializers.ChoiceField(choices=PairingKind.choices, required=False)
    pairing_state = serializers.ChoiceField(choices=PairingState.choices, required=False)
