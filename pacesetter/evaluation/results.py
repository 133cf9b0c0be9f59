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

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet
from django.utils.translation import gettext_lazy as _

from .enums import Grade, IndicatorSource, RoundState
from .models import Indicator, Round, RoundGroup, RoundSubject, SubjectCells, SubjectResult, TallyResult
from .queries import subjects_visible_to
from .ranking import peer_group_label
from .tally import cell_figures, wilson_interval

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
    """The record indicators of the round's scheme, in order."""
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
    def of_cell(cls, cell: IndicatorCell) -> Share | None:
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


def _good_counts(rows: QuerySet[SubjectCells]) -> dict[int, tuple[int, int]]:
    """subject id → (good answers, answers) over the trusted option-scale cells of `rows`."""
    return {subject_id: (good, answers) for subject_id, good, answers in
            rows.values_list("subject_id", "good", "optioned").order_by()}


def attach_shares(results: list[SubjectResult], *, tally: TallyResult) -> list[SubjectResult]:
    """Give each result its pooled good share (`share`, a Share or None): one query for all."""
    counts = _good_counts(SubjectCells.objects.filter(tally=tally, subject_id__in=[r.subject_id for r in results]))
    for result in results:
        good, answers = counts.get(result.subject_id, (0, 0))
        result.share = pooled_share(good, answers, result.n)
    return results


def shares_of(qs: QuerySet[SubjectResult], *, tally: TallyResult) -> dict[int, Share | None]:
    """subject id → pooled good share for every result of `qs`, in one query (for exports)."""
    counts = _good_counts(SubjectCells.objects.filter(tally=tally, subject__in=qs.values("subject_id")))
    return {
        subject_id: pooled_share(*counts.get(subject_id, (0, 0)), n)
        for subject_id, n in qs.order_by().values_list("subject_id", "n")
    }


def subject_result_visible_to(user, tally: TallyResult, subject_pk: int) -> SubjectResult | None:
    return subject_results_visible_to(user, tally).filter(subject_id=subject_pk).first()


@dataclass
class IndicatorCell:
    """One indicator as one voter group answered it for one subject, in the trusted
    channels or the open survey (`open_channel`): a packed cell of `SubjectCells` with its
    figures computed. `counts` is empty for the 0–100 score, whose shares are None.
    `group`, `indicator` and `subject` are filled in by the reads that show them."""

    subject_id: int
    group_id: int
    indicator_id: int
    open_channel: bool
    n: int
    points: int
    counts: list[int]
    mean_points: float
    good_share: float | None
    good_low: float | None
    good_high: float | None
    dissatisfied_share: float | None
    group: RoundGroup | None = None
    indicator: Indicator | None = None
    subject: RoundSubject | None = None


def unpack_cells(row: SubjectCells, groups: Mapping[int, RoundGroup] | None = None,
                 indicators: Mapping[int, Indicator] | None = None) -> list[IndicatorCell]:
    """The cells of one `SubjectCells` row, in its order (trusted first, by voter group and
    indicator order), with their groups and indicators from the maps given."""
    groups, indicators = groups or {}, indicators or {}
    return [
        IndicatorCell(row.subject_id, group_id, indicator_id, bool(open_), n, points, counts,
                      *cell_figures(n, points, counts), groups.get(group_id), indicators.get(indicator_id))
        for group_id, indicator_id, open_, n, points, counts in row.cells
    ]


def round_groups(tally: TallyResult) -> dict[int, RoundGroup]:
    return {g.pk: g for g in RoundGroup.objects.filter(round_id=tally.round_id).select_related("voter_group")}


def round_indicators(tally: TallyResult) -> dict[int, Indicator]:
    return {i.pk: i for i in Indicator.objects.filter(scheme__rounds=tally.round_id)}


def subject_cells(tally: TallyResult, subject_id: int) -> list[IndicatorCell]:
    """One subject's cells, trusted channels first, by voter group and indicator order."""
    row = SubjectCells.objects.filter(tally=tally, subject_id=subject_id).first()
    if row is None:
        return []
    return unpack_cells(row, round_groups(tally), round_indicators(tally))


def cells_of(qs: QuerySet[SubjectResult], *, tally: TallyResult, chunk_size: int = 2000) -> Iterator[IndicatorCell]:
    """The cells of every result of `qs` (for exports) by subject, with what a row shows:
    three queries (groups, indicators, the packed cells read in chunks)."""
    groups, indicators = round_groups(tally), round_indicators(tally)
    rows = (
        SubjectCells.objects.filter(tally=tally, subject__in=qs.values("subject_id"))
        .select_related("subject__organization", "subject__member")
        .order_by("subject_id")
    )
    for row in rows.iterator(chunk_size=chunk_size):
        for cell in unpack_cells(row, groups, indicators):
            cell.subject = row.subject
            yield cell


def subject_share(result: SubjectResult, cells: Iterable[IndicatorCell]) -> Share | None:
    """The pooled good share of one subject from its cells already loaded."""
    trusted = [c for c in cells if not c.open_channel and c.good_share is not None]
    good = sum(c.counts[0] + c.counts[1] for c in trusted)
    return pooled_share(good, sum(c.n for c in trusted), result.n)


def distribution(cells: Iterable[IndicatorCell]) -> list[dict]:
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
