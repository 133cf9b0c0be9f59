"""Counting a closed round: per subject × voter group × indicator, then a composite per subject.

The counting happens in the database: one GROUP BY over `Answer` by (subject, group,
indicator, option) returns counts and sums of points, a few rows per cell; Python only
combines those small rows and never sees a ballot.

The composite of a subject is Σ_g w_g × Σ_i (w_i/100 × mean points of indicator i in
group g), where the group weights w_g are renormalised over the groups that cast at least
one ballot for that subject (a subject nobody of the public rated is judged on the groups
that did, instead of counting the missing group as zero). It therefore stays within the
points of the scale. A subject with fewer than `round.min_n` ballots is marked
`insufficient_sample` (and is not ranked); one whose share of worst-option answers, pooled
over all its answers on option scales, reaches `round.dissatisfied_flag_share` is flagged.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from pacesetter.core import audit

from . import rules as ev_rules
from .domain.common import _locked_round, _require, _require_state
from .enums import SCALE_OPTIONS, RoundState, Scale
from .models import Answer, Ballot, CellResult, Indicator, Round, RoundGroup, RoundSubject, SubjectResult, TallyResult
from .queries import ballot_fingerprint

#: The 97.5 % quantile of the standard normal distribution (two-sided 95 %).
Z95 = 1.959963984540054
#: Composite and mean points are stored rounded, so float noise cannot leave the scale.
DIGITS = 6


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval of a proportion; None for no observations (nothing is known)."""
    if n == 0:
        return None
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Cell:
    """The answers of one voter group to one indicator for one subject."""

    n: int = 0
    points: int = 0
    by_option: dict[int, int] = field(default_factory=dict)

    def mean(self) -> float:
        return self.points / self.n


def composite(cells: dict[tuple[int, int], Cell], indicator_weights: dict[int, int],
              group_weights: dict[int, int]) -> float | None:
    """The weighted score of one subject from its cells keyed (group id, indicator id).

    Group weights are renormalised over the groups with answers; None if there are none.
    """
    present = {g for (g, _i), cell in cells.items() if cell.n}
    total_weight = sum(group_weights[g] for g in present)
    if not total_weight:
        return None
    score = 0.0
    for g in present:
        inner = sum(indicator_weights[i] / 100 * cells[g, i].mean() for i in indicator_weights if (g, i) in cells)
        score += group_weights[g] / total_weight * inner
    return round(score, DIGITS)


def _has_options(scale: str) -> bool:
    return scale != Scale.SCORE100


def _cell_result(tally: TallyResult, subject_id: int, group_id: int, indicator: Indicator, cell: Cell) -> CellResult:
    result = CellResult(tally=tally, subject_id=subject_id, group_id=group_id, indicator=indicator, n=cell.n,
                        mean_points=round(cell.mean(), DIGITS))
    if _has_options(indicator.scale):
        options = len(SCALE_OPTIONS[Scale(indicator.scale)])
        result.counts = [cell.by_option.get(o, 0) for o in range(options)]
        good = result.counts[0] + result.counts[1]
        result.good_share = good / cell.n
        result.good_low, result.good_high = wilson_interval(good, cell.n)
        result.dissatisfied_share = result.counts[-1] / cell.n
    return result


def tally_round(round_: Round, *, by) -> TallyResult:
    """Count a closed (or released) round and store its results, replacing any earlier count."""
    _require(ev_rules.can_manage_rounds(by), by)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.CLOSED, RoundState.RELEASED], _("Counting the ballots"))
        indicators = {i.pk: i for i in Indicator.objects.filter(scheme_id=round_.scheme_id)}
        group_weights = dict(
            RoundGroup.objects.filter(round=round_).values_list("pk", "voter_group__weight")
        )
        indicator_weights = {pk: i.weight for pk, i in indicators.items()}
        subject_ids = list(RoundSubject.objects.filter(round=round_).order_by("pk").values_list("pk", flat=True))

        cells: dict[int, dict[tuple[int, int], Cell]] = defaultdict(dict)
        rows = (
            Answer.objects.filter(round=round_)
            .values_list("subject_id", "group_id", "indicator_id", "option")
            .annotate(answers=Count("*"), points=Sum("points"))
            .order_by()
        )
        for subject_id, group_id, indicator_id, option, count, points in rows:
            cell = cells[subject_id].setdefault((group_id, indicator_id), Cell())
            cell.n += count
            cell.points += points
            cell.by_option[option] = count
        ballots_per_subject = dict(
            Ballot.objects.filter(round=round_).values_list("subject_id").annotate(n=Count("*")).order_by()
        )

        fingerprint = ballot_fingerprint(round_)
        TallyResult.objects.filter(round=round_).delete()
        tally = TallyResult.objects.create(
            round=round_, fingerprint=fingerprint, ballots=sum(ballots_per_subject.values()),
            answers=sum(c.n for subject in cells.values() for c in subject.values()),
        )
        flag_share = float(round_.dissatisfied_flag_share)
        subject_results, cell_results = [], []
        for subject_id in subject_ids:
            subject_cells = cells.get(subject_id, {})
            optioned = [(c, indicators[i]) for (g, i), c in subject_cells.items() if _has_options(indicators[i].scale)]
            optioned_n = sum(c.n for c, _ind in optioned)
            worst = sum(c.by_option.get(len(SCALE_OPTIONS[Scale(ind.scale)]) - 1, 0) for c, ind in optioned)
            dissatisfied = worst / optioned_n if optioned_n else None
            n = ballots_per_subject.get(subject_id, 0)
            subject_results.append(SubjectResult(
                tally=tally, subject_id=subject_id, n=n,
                composite=composite(subject_cells, indicator_weights, group_weights),
                dissatisfied_share=dissatisfied, insufficient_sample=n < round_.min_n,
                dissatisfied_flag=dissatisfied is not None and dissatisfied >= flag_share,
            ))
            cell_results.extend(
                _cell_result(tally, subject_id, g, indicators[i], c) for (g, i), c in sorted(subject_cells.items())
            )
        SubjectResult.objects.bulk_create(subject_results)
        CellResult.objects.bulk_create(cell_results)
        audit.record(
            "evaluation.round.tally", by=by, obj=round_,
            after={"fingerprint": fingerprint, "ballots": tally.ballots, "answers": tally.answers,
                   "subjects": len(subject_results),
                   "insufficient": sum(s.insufficient_sample for s in subject_results),
                   "flagged": sum(s.dissatisfied_flag for s in subject_results)},
        )
    return tally
