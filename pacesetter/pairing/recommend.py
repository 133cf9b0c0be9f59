"""Recommended pairings (推荐结对) as an optimal assignment.

Advanced units help lagging ones. Each lagging unit gets at most one helper, each helper at
most `k` units. The cost of a pair (lower is better):

    (100 − score gap) + TOWNSHIP_COST if the townships differ + SECTOR_COST if the sectors do
    not complement each other (enums.COMPLEMENTS)

so a strong helper close by with what the unit lacks comes first. Forbidden pairs:
a village or community without an urban helper (agency, school, health, enterprise:
urban-rural pairing, 城乡结对), and last year's pair again (an ended pairing of the same two
units within REPEAT_DAYS): it is forbidden rather than dear, since a county asks for a
fresh helper, not a cheaper old one.

Solved by `scipy.optimize.linear_sum_assignment` on the lagging × (helpers repeated k times)
matrix, forbidden cells at FORBIDDEN (more than any sum of allowed costs), so the solution
first pairs as many units as the rules allow and, among those, has the least total cost;
cells at FORBIDDEN are then dropped. Inputs are sorted by code first, so the same input
always gives the same answer.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from .enums import COMPLEMENTS, RURAL_SECTORS, URBAN_SECTORS

TOWNSHIP_COST = 20.0
SECTOR_COST = 10.0
FORBIDDEN = 1e9
REPEAT_DAYS = 400
#: Other allowed helpers kept with each recommendation for a swap.
ALTERNATIVES = 5

#: Reason codes a recommendation carries.
GAP, SAME_TOWNSHIP, COMPLEMENTARY, URBAN_RURAL, NOT_REPEATED = (
    "gap", "same_township", "complementary", "urban_rural", "not_last_year",
)


@dataclass(frozen=True)
class Candidate:
    id: int
    code: str
    sector: str
    township: str
    score: float


@dataclass
class Match:
    helper: Candidate
    helped: Candidate
    cost: float
    reasons: list = field(default_factory=list)
    alternatives: list = field(default_factory=list)


def pair_cost(helper: Candidate, helped: Candidate, *, recent: frozenset | set = frozenset()) -> float:
    """One pair's cost, FORBIDDEN when a rule excludes it (the scalar twin of `cost_matrix`)."""
    if helped.sector in RURAL_SECTORS and helper.sector not in URBAN_SECTORS:
        return FORBIDDEN
    if (helper.id, helped.id) in recent or helper.id == helped.id:
        return FORBIDDEN
    cost = 100.0 - (helper.score - helped.score)
    if not (helper.township and helper.township == helped.township):
        cost += TOWNSHIP_COST
    if helped.sector not in COMPLEMENTS.get(helper.sector, ()):
        cost += SECTOR_COST
    return cost


def cost_matrix(helpers: Sequence[Candidate], helped: Sequence[Candidate], recent: Iterable) -> np.ndarray:
    """helped × helpers costs, computed on whole arrays (a province's 5,000 candidates)."""
    sectors = sorted({c.sector for c in helpers} | {c.sector for c in helped})
    s_index = {s: i for i, s in enumerate(sectors)}
    towns = {t: i + 1 for i, t in enumerate(sorted({c.township for c in helpers} | {c.township for c in helped}) )}
    towns[""] = 0
    hs = np.array([s_index[c.sector] for c in helpers], dtype=np.int64)
    ds = np.array([s_index[c.sector] for c in helped], dtype=np.int64)
    ht = np.array([towns[c.township] for c in helpers], dtype=np.int64)
    dt = np.array([towns[c.township] for c in helped], dtype=np.int64)
    complements = np.array([[b in COMPLEMENTS.get(a, ()) for b in sectors] for a in sectors], dtype=bool)
    urban = np.array([s in URBAN_SECTORS for s in sectors], dtype=bool)
    rural = np.array([s in RURAL_SECTORS for s in sectors], dtype=bool)

    gap = np.array([c.score for c in helpers])[None, :] - np.array([c.score for c in helped])[:, None]
    cost = 100.0 - gap
    cost += np.where((ht[None, :] == dt[:, None]) & (dt[:, None] != 0), 0.0, TOWNSHIP_COST)
    cost += np.where(complements[hs[None, :], ds[:, None]], 0.0, SECTOR_COST)
    cost[rural[ds][:, None] & ~urban[hs][None, :]] = FORBIDDEN
    col = {c.id: j for j, c in enumerate(helpers)}
    row = {c.id: i for i, c in enumerate(helped)}
    for helper_id, helped_id in recent:
        if helper_id in col and helped_id in row:
            cost[row[helped_id], col[helper_id]] = FORBIDDEN
    same = [(row[c.id], col[c.id]) for c in helped if c.id in col]
    for i, j in same:
        cost[i, j] = FORBIDDEN
    return cost


def reasons(helper: Candidate, helped: Candidate) -> list:
    out = [{"code": GAP, "value": round(helper.score - helped.score, 2)}]
    if helper.township and helper.township == helped.township:
        out.append({"code": SAME_TOWNSHIP, "value": helper.township})
    if helped.sector in COMPLEMENTS.get(helper.sector, ()):
        out.append({"code": COMPLEMENTARY, "value": f"{helper.sector}/{helped.sector}"})
    if helped.sector in RURAL_SECTORS:
        out.append({"code": URBAN_RURAL, "value": helper.sector})
    out.append({"code": NOT_REPEATED, "value": None})
    return out


def recommend(helpers: Iterable[Candidate], helped: Iterable[Candidate], *, k: int,
              recent: Iterable[tuple[int, int]] = ()) -> list[Match]:
    """The optimal assignment, one Match per paired unit, in the helped units' code order."""
    helpers = sorted(helpers, key=lambda c: (c.code, c.id))
    helped = sorted(helped, key=lambda c: (c.code, c.id))
    if not helpers or not helped or k < 1:
        return []
    recent = set(recent)
    cost = cost_matrix(helpers, helped, recent)
    rows, cols = linear_sum_assignment(np.repeat(cost, k, axis=1))
    matches = []
    for i, slot in zip(rows, cols):
        j = slot // k
        if cost[i, j] >= FORBIDDEN:
            continue
        order = np.argsort(cost[i], kind="stable")
        alternatives = [
            {"helper": helpers[a].id, "score": helpers[a].score, "cost": round(float(cost[i, a]), 2)}
            for a in order[: ALTERNATIVES + 1] if a != j and cost[i, a] < FORBIDDEN
        ][:ALTERNATIVES]
        matches.append(Match(helpers[j], helped[i], float(cost[i, j]), reasons(helpers[j], helped[i]), alternatives))
    return matches
