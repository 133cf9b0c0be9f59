"""The effect on the hand-made rounds of world.py: helped T1B1 +12, T2B1 +5; unhelped V3 +2, V4 −1."""
import datetime

import pytest

from pacesetter.pairing import effect
from pacesetter.pairing.domain import create_pairing
from pacesetter.pairing.enums import PairingKind
from pacesetter.pairing.models import Pairing


@pytest.fixture
def helped(tree, world):
    for helper, unit in ((world.ag, tree.b1), (world.sc, tree.b2)):
        create_pairing(kind=PairingKind.URBAN_RURAL, goals="x", starts_on=datetime.date(2024, 6, 1),
                       helpers=[helper], helped=[unit], by=tree.users.county_admin)


def test_effect_helped_and_control_changes(tree, world, helped):
    result = effect.compute(world.r2024, world.r2025, Pairing.objects.all())
    assert ([(u.code, u.change) for u in result.helped], [(u.code, u.change) for u in result.control]) == (
        [("T1B1", 12.0), ("T2B1", 5.0)], [("V3", 2.0), ("V4", -1.0)])


def test_effect_means_with_t_intervals(tree, world, helped):
    result = effect.compute(world.r2024, world.r2025, Pairing.objects.all())
    # mean 8.5, sd 4.95, t(0.975, 1) = 12.706: half-width 44.47
    assert (result.helped_summary, result.control_summary) == (
        effect.Summary(2, 8.5, -35.97, 52.97), effect.Summary(2, 0.5, -18.56, 19.56))


def test_effect_difference_is_welch(tree, world, helped):
    result = effect.compute(world.r2024, world.r2025, Pairing.objects.all())
    assert (result.difference.n, result.difference.mean) == (4, 8.0)


def test_effect_per_helper(tree, world, helped):
    result = effect.compute(world.r2024, world.r2025, Pairing.objects.all())
    assert [(h["helper"], h["mean"], [u.grade_after for u in h["units"]]) for h in result.by_helper] == [
        ("一中党支部", 5.0, ["fair"]), ("县委办党支部", 12.0, ["fair"])]


def test_pairing_started_before_the_earlier_round_is_not_counted(tree, world):
    create_pairing(kind=PairingKind.URBAN_RURAL, goals="x", starts_on=datetime.date(2023, 6, 1),
                   helpers=[world.ag], helped=[tree.b1], by=tree.users.county_admin)
    result = effect.compute(world.r2024, world.r2025, Pairing.objects.all())
    assert (result.helped, result.control) == ([], [])


def test_summarise_single_value_has_no_interval():
    assert effect.summarise([3.0]) == effect.Summary(1, 3.0, None, None)


def test_default_rounds_are_latest_and_previous(tree, world):
    from pacesetter.evaluation.models import Round
    assert effect.default_rounds(Round.objects.all()) == (world.r2024, world.r2025)
