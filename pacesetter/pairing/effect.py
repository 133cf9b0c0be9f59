"""The effect of helping (后进赶先进): do helped units catch up?

Between an earlier and a later released round, a unit's change is its composite in the later
round minus its composite in the earlier one. Helped units are the helped organisations of
pairings that started after the earlier round closed and by the time the later one opened.
They are set against comparable units that nobody helped: organisations graded lagging in
the earlier round, of a sector and level some helped unit has, in no pairing as helped
party up to the later round. Each group's mean change carries a 95 % confidence interval
from Student's t; the difference of means a Welch interval. Units without a composite in
either round are left out.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone
from scipy.stats import t as student_t

from pacesetter.evaluation.enums import Grade, RoundState
from pacesetter.evaluation.models import Round, SubjectResult

from .enums import PartySide
from .models import PairingParty


@dataclass
class Summary:
    n: int
    mean: float | None
    low: float | None
    high: float | None


@dataclass
class Unit:
    id: int
    code: str
    name: str
    before: float
    after: float
    grade_before: str
    grade_after: str

    @property
    def change(self) -> float:
        return round(self.after - self.before, 2)


@dataclass
class Effect:
    before: Round
    after: Round
    helped: list[Unit]
    control: list[Unit]
    helped_summary: Summary
    control_summary: Summary
    difference: Summary
    by_helper: list[dict] = field(default_factory=list)


def summarise(values: list[float]) -> Summary:
    n = len(values)
    if n == 0:
        return Summary(0, None, None, None)
    mean = statistics.fmean(values)
    if n == 1:
        return Summary(1, round(mean, 2), None, None)
    half = student_t.ppf(0.975, n - 1) * statistics.stdev(values) / math.sqrt(n)
    return Summary(n, round(mean, 2), round(mean - half, 2), round(mean + half, 2))


def welch(a: list[float], b: list[float]) -> Summary:
    """Difference of means a − b with Welch's 95 % interval."""
    if len(a) < 2 or len(b) < 2:
        diff = statistics.fmean(a) - statistics.fmean(b) if a and b else None
        return Summary(len(a) + len(b), None if diff is None else round(diff, 2), None, None)
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    diff = statistics.fmean(a) - statistics.fmean(b)
    se = math.sqrt(va + vb)
    if se == 0:
        return Summary(len(a) + len(b), round(diff, 2), round(diff, 2), round(diff, 2))
    dof = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    half = student_t.ppf(0.975, dof) * se
    return Summary(len(a) + len(b), round(diff, 2), round(diff - half, 2), round(diff + half, 2))


def _results(round_: Round) -> dict[int, tuple]:
    rows = SubjectResult.objects.filter(
        tally__round_id=round_.pk, subject__round_id=round_.pk, subject__member__isnull=True,
        composite__isnull=False,
    ).values_list(F("subject__organization_id"), "composite", "grade", F("subject__organization__code"),
                  F("subject__organization__name"), F("subject__organization__sector"),
                  F("subject__organization__level"))
    return {r[0]: r[1:] for r in rows}


def _day(moment) -> object:
    return timezone.localdate(moment)


def default_rounds(rounds) -> tuple[Round | None, Round | None]:
    """The latest released round and the released round of the same kind before it."""
    released = list(rounds.filter(state=RoundState.RELEASED, tally__isnull=False).order_by("-opens_at", "-id")[:20])
    if not released:
        return None, None
    after = released[0]
    before = next((r for r in released[1:] if r.kind == after.kind), None)
    return before, after


def compute(before: Round, after: Round, pairings) -> Effect:
    """The effect between two released rounds, over the pairings in `pairings` (a queryset
    already cut to what the reader sees)."""
    start, end = _day(before.closes_at), _day(after.opens_at)
    first, second = _results(before), _results(after)
    parties = list(
        PairingParty.objects.filter(pairing__in=pairings, pairing__starts_on__lte=end)
        .select_related("organization", "member", "leader", "pairing")
        .order_by("pairing_id", "side", "id")
    )
    ever_helped = {p.organization_id for p in parties if p.side == PartySide.HELPED and p.organization_id}
    by_pairing: dict[int, dict[str, list]] = {}
    for p in parties:
        if p.pairing.starts_on > start:
            by_pairing.setdefault(p.pairing_id, {}).setdefault(p.side, []).append(p)

    def unit(org_id: int) -> Unit | None:
        if org_id not in first or org_id not in second:
            return None
        (b, gb, code, name, _s, _l), (a, ga, *_rest) = first[org_id], second[org_id]
        return Unit(org_id, code, name, b, a, gb, ga)

    helped: dict[int, Unit] = {}
    helpers: dict[str, dict] = {}
    for sides in by_pairing.values():
        units = [u for p in sides.get(PartySide.HELPED, []) if p.organization_id and (u := unit(p.organization_id))]
        for u in units:
            helped[u.id] = u
        for h in sides.get(PartySide.HELPER, []):
            entry = helpers.setdefault(str(h.party), {"helper": str(h.party), "units": {}})
            entry["units"].update({u.id: u for u in units})
    kinds = {(first[u][4], first[u][5]) for u in helped}
    control = [
        u for org_id, row in sorted(first.items(), key=lambda kv: kv[1][2])
        if row[1] == Grade.LAGGING and (row[4], row[5]) in kinds and org_id not in ever_helped
        and (u := unit(org_id))
    ]
    helped_units = sorted(helped.values(), key=lambda u: u.code)
    by_helper = []
    for name in sorted(helpers):
        units = sorted(helpers[name]["units"].values(), key=lambda u: u.code)
        if units:
            by_helper.append({"helper": name, "units": units,
                              "mean": round(statistics.fmean(u.change for u in units), 2)})
    a, b = [u.change for u in helped_units], [u.change for u in control]
    return Effect(before, after, helped_units, control, summarise(a), summarise(b), welch(a, b), by_helper)
