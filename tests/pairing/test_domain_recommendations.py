import datetime

import pytest
from django.utils import timezone

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.evaluation.enums import RoundState
from pacesetter.pairing.domain import (
    create_pairing,
    create_pairings,
    decide_row,
    end_pairing,
    run_recommendations,
    swap_helper,
)
from pacesetter.pairing.enums import PairingKind, PairingState, RowDecision, RunState
from pacesetter.pairing.models import Pairing

START = datetime.date(2025, 4, 1)


def _pairs(run):
    return [(r.helper.code, r.helped.code) for r in run.rows.order_by("helped__code")]


def test_run_pairs_lagging_units_with_nearest_strong_helpers(tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    assert _pairs(run) == [("SC", "T1B1"), ("AG", "T2B1"), ("SC", "V3"), ("AG", "V4")]


def test_run_respects_capacity_one(tree, world):
    run = run_recommendations(world.r2024, k=1, by=tree.users.county_admin)
    assert (run.rows.count(), run.helpers, run.helped) == (2, 2, 4)


def test_run_is_deterministic(tree, world):
    first = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    second = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    assert _pairs(second) == _pairs(first)


def test_run_avoids_last_years_pair(tree, world):
    old = create_pairing(kind=PairingKind.URBAN_RURAL, goals="x", starts_on=datetime.date(2024, 6, 1),
                         helpers=[world.sc], helped=[tree.b1], by=tree.users.county_admin)
    end_pairing(old, on=timezone.localdate() - datetime.timedelta(days=30), reason="期满", by=tree.users.county_admin)
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    assert run.rows.get(helped=tree.b1).helper == world.ag


def test_pair_ended_long_ago_may_return(tree, world):
    old = create_pairing(kind=PairingKind.URBAN_RURAL, goals="x", starts_on=datetime.date(2024, 6, 1),
                         helpers=[world.sc], helped=[tree.b1], by=tree.users.county_admin)
    end_pairing(old, on=timezone.localdate() - datetime.timedelta(days=401), reason="期满", by=tree.users.county_admin)
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    assert run.rows.get(helped=tree.b1).helper == world.sc


def test_run_leaves_out_units_helped_now(tree, world):
    create_pairing(kind=PairingKind.URBAN_RURAL, goals="x", starts_on=datetime.date(2024, 6, 1),
                   helpers=[world.sc], helped=[tree.b1], by=tree.users.county_admin)
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    assert [r.helped.code for r in run.rows.order_by("helped__code")] == ["T2B1", "V3", "V4"]


def test_run_refuses_unreleased_round(tree, world):
    world.r2024.state = RoundState.CLOSED
    world.r2024.save(update_fields=["state"])
    with pytest.raises(DomainError) as err:
        run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    assert err.value.code == "round_not_released"


def test_run_refuses_org_admin(tree, world):
    with pytest.raises(PermissionDeniedError):
        run_recommendations(world.r2024, k=2, by=tree.users.org_admin)


def test_rows_carry_reasons(tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    assert run.rows.get(helped=tree.b1).reasons == [
        {"code": "gap", "value": 40.0}, {"code": "same_township", "value": "一号镇"},
        {"code": "complementary", "value": "school/village"}, {"code": "urban_rural", "value": "school"},
        {"code": "not_last_year", "value": None},
    ]


def test_swap_moves_row_to_alternative_within_capacity(tree, world):
    run = run_recommendations(world.r2024, k=3, by=tree.users.county_admin)
    row = run.rows.get(helped=tree.b1)
    swapped = swap_helper(row, helper=world.ag, by=tree.users.county_admin)
    assert (swapped.helper, swapped.decision, swapped.alternatives[-1]["helper"]) == (
        world.ag, RowDecision.ACCEPTED, world.sc.pk)


def test_swap_to_full_helper_is_refused(tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    with pytest.raises(DomainError) as err:
        swap_helper(run.rows.get(helped=tree.b1), helper=world.ag, by=tree.users.county_admin)
    assert err.value.code == "capacity_full"


def test_create_pairings_makes_one_per_accepted_row(tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    decide_row(run.rows.get(helped=tree.b1), decision=RowDecision.ACCEPTED, by=tree.users.county_admin)
    decide_row(run.rows.get(helped=tree.b2), decision=RowDecision.REJECTED, by=tree.users.county_admin)
    [pairing] = create_pairings(run, starts_on=START, by=tree.users.county_admin)
    run.refresh_from_db()
    assert (run.state, pairing.kind, pairing.state, Pairing.objects.count(),
            [(p.side, p.organization.code) for p in pairing.parties.all()]) == (
        RunState.DONE, PairingKind.URBAN_RURAL, PairingState.ACTIVE, 1, [("helped", "T1B1"), ("helper", "SC")])


def test_create_pairings_without_accepted_rows_is_refused(tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    with pytest.raises(DomainError) as err:
        create_pairings(run, starts_on=START, by=tree.users.county_admin)
    assert (err.value.code, Pairing.objects.count()) == ("none_accepted", 0)


def test_decide_after_create_is_refused(tree, world):
    run = run_recommendations(world.r2024, k=2, by=tree.users.county_admin)
    decide_row(run.rows.get(helped=tree.b1), decision=RowDecision.ACCEPTED, by=tree.users.county_admin)
    create_pairings(run, starts_on=START, by=tree.users.county_admin)
    with pytest.raises(DomainError) as err:
        decide_row(run.rows.get(helped=tree.b2), decision=RowDecision.ACCEPTED, by=tree.users.county_admin)
    assert err.value.code == "run_done"
