"""Reads of released results: the stored tally rows, never ballots, cut to what a user sees.

A round's results exist for a reader only once the round is released and counted
(`released_tally`); within them a user sees the subjects of `subjects_visible_to`, so a
township secretary reads the township's own subjects and county-wide roles read all.

The subject-level good share (excellent-or-good, or satisfied) pools the trusted answers
of a subject's option-scale indicators. Its 95 % Wilson interval is taken over the
subject's ballots, not its answers: the answers of one ballot come from one voter and are
not independent, so counting answers as trials would make the interval too narrow.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from .enums import Grade, IndicatorSource, RoundState, SchemeKind
from .models import CellResult, Indicator, Round, SubjectResult, TallyResult
from .queries import subjects_visible_to
from .ranking import peer_group_label
from .tally import wilson_interval

#: Orderings of the ranking table: key → (label, order_by). Unranked subjects come last.
SORTS = {
    "rank": (_("county-wide rank"), (F("rank_county").asc(nulls_last=True), F("composite").desc(nulls_last=True))),
    "peer": (_("peer group and rank"), ("peer_group", F("rank_peer").asc(nulls_last=True),
                                        F("composite").desc(nulls_last=True))),
    "composite": (_("composite score, highest first"), (F("composite").desc(nulls_last=True),)),
    "composite_asc": (_("composite score, lowest first"), (F("composite").asc(nulls_last=True),)),
    "n": (_("ballots, most first"), ("-n",)),
    "name": (_("name"), ("subject__organization__name", "subject__member__name")),
}
DEFAULT_SORT = "rank"
#: Not a grade: the filter value and chart key of subjects without one (not ranked).
UNGRADED = "none"


def counted_tally(round_: Round) -> TallyResult | None:
    """The round's latest count, released or not (no query if `tally` was select_related)."""
    try:
        return round_.tally
    except TallyResult.DoesNotExist:
        return None


def released_tally(round_: Round) -> TallyResult | None:
    """The round's published count: None until the round is released and counted."""
    if round_.state != RoundState.RELEASED:
        return None
    return counted_tally(round_)


def record_indicators(round_: Round) -> list[Indicator]:
    """The record indicators of the round's scheme, in order. Only commitment-review schemes
    have any (domain.schemes), so the others cost no query (`round_.scheme` loaded)."""
    if round_.scheme.kind != SchemeKind.COMMITMENT_REVIEW:
        return []
    return list(
        Indicator.objects.filter(scheme_id=round_.scheme_id).exclude(source=IndicatorSource.BALLOT).order_by("order")
    )


def record_figures(result: SubjectResult, indicators: Iterable[Indicator]) -> list[tuple[Indicator, float | None]]:
    """(indicator, figure or None) of each record indicator, as the count stored them."""
    values = result.record_values or {}
    return [(indicator, values.get(str(indicator.pk))) for indicator in indicators]


def subject_results_visible_to(user, tally: TallyResult) -> QuerySet[SubjectResult]:
    """The tally's subject results whose subject the user sees, with what a row shows."""
    visible = subjects_visible_to(user).filter(round_id=tally.round_id)
    return SubjectResult.objects.filter(tally=tally, subject__in=visible).select_related(
        "subject__organization", "subject__member"
    )


def sorted_results(qs: QuerySet[SubjectResult], sort: str) -> QuerySet[SubjectResult]:
    _label, order = SORTS.get(sort, SORTS[DEFAULT_SORT])
    return qs.order_by(*order, "subject_id")


def peer_groups(qs: QuerySet[SubjectResult]) -> list[tuple[str, str]]:
    """The peer groups among `qs` as (key, label), for a filter."""
    keys = qs.exclude(peer_group="").order_by("peer_group").values_list("peer_group", flat=True).distinct()
    return [(key, peer_group_label(key)) for key in keys]


def grade_counts(qs: QuerySet[SubjectResult]) -> list[tuple[str, str, int]]:
    """How many subjects of `qs` have each grade, best first, then those without one:
    (key, label, count) with every grade present, zeros included."""
    found = dict(qs.order_by().values_list("grade").annotate(n=Count("pk")))
    rows = [(grade.value, str(grade.label), found.get(grade.value, 0)) for grade in Grade]
    rows.append((UNGRADED, str(_("not graded")), found.get("", 0)))
    return rows


@dataclass(frozen=True)
class Share:
    """A share with its 95 % Wilson interval, all as fractions."""

    value: float
    low: float
    high: float

    @property
    def percent(self) -> float:
        return self.value * 100

    @property
    def low_percent(self) -> float:
        return self.low * 100

    @property
    def high_percent(self) -> float:
        return self.high * 100

    @classmethod
    def of_cell(cls, cell: CellResult) -> Share | None:
        """A cell's own stored share and interval (None on the 0–100 score)."""
        if cell.good_share is None:
            return None
        return cls(cell.good_share, cell.good_low, cell.good_high)


def pooled_share(good: int, answers: int, ballots: int) -> Share | None:
    """The good share of `answers` with its interval over `ballots` (see the module docstring)."""
    if not answers or not ballots:
        return None
    value = good / answers
    low, high = wilson_interval(value * ballots, ballots)
    return Share(value, low, high)


def _good_counts(cells: QuerySet[CellResult]) -> dict[int, tuple[int, int]]:
    """subject id → (good answers, answers) over the trusted option-scale cells of `cells`."""
    rows = (
        cells.filter(open_channel=False, good_share__isnull=False)
        .values_list("subject_id")
        .annotate(good=Sum(F("good_share") * F("n")), answers=Sum("n"))
        .order_by()
    )
    # good_share × n gives back each cell's whole count up to float noise.
    return {subject_id: (round(good), answers) for subject_id, good, answers in rows}


def attach_shares(results: list[SubjectResult], *, tally: TallyResult) -> list[SubjectResult]:
    """Give each result its pooled good share (`share`, a Share or None): one query for all."""
    counts = _good_counts(CellResult.objects.filter(tally=tally, subject_id__in=[r.subject_id for r in results]))
    for result in results:
        good, answers = counts.get(result.subject_id, (0, 0))
        result.share = pooled_share(good, answers, result.n)
    return results


def shares_of(qs: QuerySet[SubjectResult], *, tally: TallyResult) -> dict[int, Share | None]:
    """subject id → pooled good share for every result of `qs`, in one query (for exports)."""
    counts = _good_counts(CellResult.objects.filter(tally=tally, subject__in=qs.values("subject_id")))
    return {
        subject_id: pooled_share(*counts.get(subject_id, (0, 0)), n)
        for subject_id, n in qs.order_by().values_list("subject_id", "n")
    }


def subject_result_visible_to(user, tally: TallyResult, subject_pk: int) -> SubjectResult | None:
    return subject_results_visible_to(user, tally).filter(subject_id=subject_pk).first()


def subject_cells(tally: TallyResult, subject_id: int) -> list[CellResult]:
    """One subject's cells, trusted channels first, by voter group and indicator order."""
    return list(
        CellResult.objects.filter(tally=tally, subject_id=subject_id)
        .select_related("group__voter_group", "indicator")
        .order_by("open_channel", "group_id", "indicator__order")
    )


def cells_of(qs: QuerySet[SubjectResult], *, tally: TallyResult) -> QuerySet[CellResult]:
    """The cells of every result of `qs` (for exports), with what a row shows."""
    return (
        CellResult.objects.filter(tally=tally, subject__in=qs.values("subject_id"))
        .select_related("subject__organization", "subject__member", "group__voter_group", "indicator")
        .order_by("subject_id", "open_channel", "group_id", "indicator__order")
    )


def subject_share(result: SubjectResult, cells: Iterable[CellResult]) -> Share | None:
    """The pooled good share of one subject from its cells already loaded."""
    trusted = [c for c in cells if not c.open_channel and c.good_share is not None]
    good = sum(round(c.good_share * c.n) for c in trusted)
    return pooled_share(good, sum(c.n for c in trusted), result.n)


def distribution(cells: Iterable[CellResult]) -> list[dict]:
    """Per option-scale indicator, its trusted answers per option summed over voter groups:
    [{"indicator": Indicator, "labels": [...], "counts": [...], "n": int}], in indicator order."""
    by_indicator: dict[int, dict] = {}
    for cell in cells:
        if cell.open_channel or not cell.counts:
            continue
        row = by_indicator.setdefault(cell.indicator_id, {
            "indicator": cell.indicator, "labels": [str(label) for label in cell.indicator.option_labels],
            "counts": [0] * len(cell.counts), "n": 0,
        })
        row["counts"] = [a + b for a, b in zip(row["counts"], cell.counts, strict=True)]
        row["n"] += cell.n
    return sorted(by_indicator.values(), key=lambda row: row["indicator"].order)
