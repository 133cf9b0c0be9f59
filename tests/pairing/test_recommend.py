"""The assignment solver on plain candidates: optimal against brute force, and its rules."""
import itertools
import random

import pytest

from pacesetter.pairing import recommend as rec
from pacesetter.pairing.recommend import FORBIDDEN, Candidate, pair_cost, recommend

SECTORS = ["agency", "school", "health", "enterprise", "social", "village", "community"]
TOWNS = ["", "一号镇", "二号镇"]


def _random_instance(seed: int):
    r = random.Random(seed)
    helpers = [Candidate(i, f"H{i:02d}", r.choice(SECTORS), r.choice(TOWNS), round(r.uniform(80, 99), 1))
               for i in range(1, r.randint(1, 3) + 1)]
    helped = [Candidate(100 + i, f"D{i:02d}", r.choice(SECTORS), r.choice(TOWNS), round(r.uniform(40, 70), 1))
              for i in range(1, r.randint(1, 5) + 1)]
    recent = {(h.id, d.id) for h in helpers for d in helped if r.random() < 0.15}
    return helpers, helped, recent, r.randint(1, 2)


def _brute_force(helpers, helped, recent, k):
    """(pairs made, least total cost) over every way to give each unit a helper or none."""
    best = (0, 0.0)
    for choice in itertools.product([None, *helpers], repeat=len(helped)):
        if any(sum(1 for c in choice if c is h) > k for h in helpers):
            continue
        costs = [pair_cost(h, d, recent=recent) for h, d in zip(choice, helped) if h is not None]
        if any(c >= FORBIDDEN for c in costs):
            continue
        key = (len(costs), -sum(costs))
        if key > (best[0], -best[1]):
            best = (len(costs), sum(costs))
    return best


@pytest.mark.parametrize("seed", range(60))
def test_recommend_matches_brute_force(seed):
    helpers, helped, recent, k = _random_instance(seed)
    matches = recommend(helpers, helped, k=k, recent=recent)
    count, cost = _brute_force(helpers, helped, recent, k)
    assert (len(matches), round(sum(m.cost for m in matches), 6)) == (count, round(cost, 6))


@pytest.mark.parametrize("seed", range(60))
def test_recommend_respects_every_rule(seed):
    helpers, helped, recent, k = _random_instance(seed)
    matches = recommend(helpers, helped, k=k, recent=recent)
    loads = {}
    for m in matches:
        loads[m.helper.id] = loads.get(m.helper.id, 0) + 1
        assert pair_cost(m.helper, m.helped, recent=recent) == m.cost < FORBIDDEN
    assert max(loads.values(), default=0) <= k
    assert len({m.helped.id for m in matches}) == len(matches)


def test_recommend_is_deterministic_whatever_the_input_order():
    helpers, helped, recent, k = _random_instance(7)
    first = recommend(helpers, helped, k=k, recent=recent)
    again = recommend(list(reversed(helpers)), list(reversed(helped)), k=k, recent=recent)
    assert [(m.helper.id, m.helped.id) for m in again] == [(m.helper.id, m.helped.id) for m in first]


def test_helper_takes_at_most_k_units():
    helpers = [Candidate(1, "H1", "agency", "甲镇", 95.0)]
    helped = [Candidate(10 + i, f"D{i}", "village", "甲镇", 50.0) for i in range(3)]
    assert [m.helped.code for m in recommend(helpers, helped, k=2)] == ["D0", "D1"]


def test_village_gets_only_an_urban_helper():
    helpers = [Candidate(1, "H1", "village", "甲镇", 99.0), Candidate(2, "H2", "school", "乙镇", 85.0)]
    helped = [Candidate(10, "D1", "village", "甲镇", 50.0)]
    assert [(m.helper.code, m.helped.code) for m in recommend(helpers, helped, k=1)] == [("H2", "D1")]


def test_village_without_an_urban_helper_is_left_unpaired():
    helpers = [Candidate(1, "H1", "community", "甲镇", 99.0)]
    helped = [Candidate(10, "D1", "village", "甲镇", 50.0)]
    assert recommend(helpers, helped, k=1) == []


def test_last_years_pair_is_not_repeated():
    helpers = [Candidate(1, "H1", "agency", "甲镇", 95.0), Candidate(2, "H2", "agency", "乙镇", 85.0)]
    helped = [Candidate(10, "D1", "village", "甲镇", 50.0)]
    matches = recommend(helpers, helped, k=1, recent={(1, 10)})
    assert [m.helper.code for m in matches] == ["H2"]


def test_same_township_is_preferred_at_equal_scores():
    helpers = [Candidate(1, "H1", "agency", "乙镇", 90.0), Candidate(2, "H2", "agency", "甲镇", 90.0)]
    helped = [Candidate(10, "D1", "village", "甲镇", 50.0)]
    assert [m.helper.code for m in recommend(helpers, helped, k=1)] == ["H2"]


def test_cost_adds_township_and_sector_terms():
    helper = Candidate(1, "H1", "school", "乙镇", 90.0)
    helped = Candidate(10, "D1", "enterprise", "甲镇", 50.0)
    assert pair_cost(helper, helped) == 100 - 40 + rec.TOWNSHIP_COST + rec.SECTOR_COST


def test_reasons_name_gap_township_sector_and_no_repeat():
    helper = Candidate(1, "H1", "health", "甲镇", 92.5)
    helped = Candidate(10, "D1", "community", "甲镇", 60.0)
    assert rec.reasons(helper, helped) == [
        {"code": "gap", "value": 32.5}, {"code": "same_township", "value": "甲镇"},
        {"code": "complementary", "value": "health/community"}, {"code": "urban_rural", "value": "health"},
        {"code": "not_last_year", "value": None},
    ]


def test_alternatives_list_other_allowed_helpers_cheapest_first():
    helpers = [Candidate(1, "H1", "agency", "甲镇", 95.0), Candidate(2, "H2", "school", "乙镇", 90.0),
               Candidate(3, "H3", "village", "甲镇", 99.0)]
    helped = [Candidate(10, "D1", "village", "甲镇", 50.0)]
    [match] = recommend(helpers, helped, k=1)
    assert (match.helper.code, match.alternatives) == ("H1", [{"helper": 2, "score": 90.0, "cost": 80.0}])
