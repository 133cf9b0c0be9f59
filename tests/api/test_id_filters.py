"""Id filters refuse ids beyond MAX_ID with a 400 instead of overflowing the database's integer
in the lookup (a 22-digit holder did, found by schemathesis; these are the same kind)."""
import pytest

from pacesetter.activities.api.serializers import AttendanceFilterSerializer
from pacesetter.api.serializers import MAX_ID
from pacesetter.pairing.api.serializers import PairingEffectFilterSerializer
from pacesetter.seminars.api.serializers import PaperFilterSerializer
from pacesetter.vanguard.api.serializers import VanguardPartFilterSerializer

FILTERS = [(AttendanceFilterSerializer, "activity"), (PairingEffectFilterSerializer, "earlier"),
           (PairingEffectFilterSerializer, "later"), (PaperFilterSerializer, "seminar"),
           (VanguardPartFilterSerializer, "project")]


@pytest.mark.parametrize(("serializer", "field"), FILTERS, ids=[f"{s.__name__}.{f}" for s, f in FILTERS])
def test_an_id_filter_takes_ids_up_to_max_id_only(serializer, field):
    assert serializer(data={field: str(MAX_ID)}).is_valid()
    too_big = serializer(data={field: "1" + "0" * 21})
    assert (too_big.is_valid(), list(too_big.errors)) == (False, [field])
