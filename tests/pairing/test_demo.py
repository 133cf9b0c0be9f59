"""The pairing demo over the hand-made rounds of world.py: laggards of 2024 paired between the
rounds, history, logs, and a recommendation run from 2025 with rows."""
import random

import pytest
from django.utils import translation

from pacesetter.evaluation.models import Round
from pacesetter.pairing import demo, effect
from pacesetter.pairing.enums import PairingKind, PairingState, PartySide
from pacesetter.pairing.models import HelpLog, Pairing, PairingParty, RecommendationRun


@pytest.fixture
def seeded(tree, world):
    with translation.override("en"):
        return demo.seed(tree.county, rng=random.Random(1))


def test_demo_seeds_pairings_of_every_kind(seeded):
    assert set(Pairing.objects.values_list("kind", flat=True)) == set(PairingKind.values)


def test_demo_pairs_two_in_three_of_the_earlier_rounds_laggards(seeded, tree, world):
    helped = set(PairingParty.objects.filter(side=PartySide.HELPED, organization__isnull=False)
                 .values_list("organization__code", flat=True))
    # Lagging in 2024 by code: T1B1, T2B1, V3, V4; the third (V3) stays unhelped.
    assert helped == {"T1B1", "T2B1", "V4"}


def test_demo_pairings_start_between_the_two_rounds(seeded, world):
    first, last = demo._window(world.r2024, world.r2025)
    starts = set(Pairing.objects.values_list("starts_on", flat=True))
    assert (min(starts) >= first, max(starts) <= last) == (True, True)


def test_demo_keeps_history_one_replaced_and_one_ended(seeded):
    states = sorted(Pairing.objects.values_list("state", flat=True))
    replaced = Pairing.objects.get(state=PairingState.REPLACED)
    assert (states.count(PairingState.REPLACED), states.count(PairingState.ENDED), replaced.replaced_by.kind) == (
        1, 1, PairingKind.URBAN_RURAL)


def test_demo_logs_help_with_money_or_goods(seeded):
    logs = HelpLog.objects.all()
    assert (logs.count() > 0, logs.filter(money__gt=0).exists() or logs.exclude(goods="").exists()) == (True, True)


def test_demo_recommendation_run_reads_the_later_round_and_has_rows(seeded, world):
    run = RecommendationRun.objects.get()
    rows = list(run.rows.values_list("helped__code", flat=True))
    # V3 is lagging in 2025 and nobody helps it; V4 is helped by an active pairing.
    assert (run.round_id, rows) == (world.r2025.pk, ["V3"])


def test_demo_effect_has_helped_units_over_two_rounds(seeded, world):
    before, after = effect.default_rounds(Round.objects.all())
    result = effect.compute(before, after, Pairing.objects.all())
    assert ((before, after), [u.code for u in result.helped], [u.code for u in result.control]) == (
        (world.r2024, world.r2025), ["T1B1", "T2B1", "V4"], ["V3"])


def test_demo_summary_counts_what_it_made(seeded):
    assert seeded == (f"Pairings: {Pairing.objects.count()} of every kind with {HelpLog.objects.count()} help logs; "
                      f"a recommendation run with {RecommendationRun.objects.get().rows.count()} recommended pairs "
                      "awaiting review.")
