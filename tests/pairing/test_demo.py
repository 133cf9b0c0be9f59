from django.utils import translation

from pacesetter.pairing import demo
from pacesetter.pairing.enums import PairingKind
from pacesetter.pairing.models import HelpLog, Pairing, RecommendationRun


def test_demo_seeds_pairings_logs_and_a_run(tree, world):
    import random
    with translation.override("en"):
        summary = demo.seed(tree.county, rng=random.Random(1))
    kinds = set(Pairing.objects.values_list("kind", flat=True))
    assert (kinds, RecommendationRun.objects.count()) == ({
        PairingKind.URBAN_RURAL, PairingKind.HAND_IN_HAND, PairingKind.FIXED_POINT_LIAISON,
        PairingKind.FIXED_POINT_MENTORING, PairingKind.ONE_HELPS_ONE}, 1)
    assert summary == (f"Pairings: {Pairing.objects.count()} of every kind with {HelpLog.objects.count()} help logs; "
                       f"a recommendation run with {RecommendationRun.objects.get().rows.count()} recommended pairs "
                       "awaiting review.")
