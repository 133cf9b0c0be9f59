"""Counting a closed round: per subject × voter group × indicator, then a composite per subject.

The counting happens in the database (`aggregate_round`), in three statements:

1. ballots per channel and subject, from the index `ballot_round_channel_idx` alone;
2. the pivot: one row per subject and voter group over all the round's answers, with per
   indicator its answers per option, each an aggregate `… FILTER (WHERE indicator_id = %s)`,
   and the row's sum of points. It reads `answer_tally_idx` in subject order and needs
   neither a sort nor a hash table of (subject, indicator, option) groups;
3. the same pivot over the answers of open-survey ballots only (ballots of channel "open",
   joined to their answers by primary key): a few percent of the rows.

Token and paper ballots are the trusted channels: their figures are (2) minus (3), and they
alone make a subject's `n`, composite, sample check and flag. Open-survey figures are (3),
stored apart (`open_channel` cells, `open_n`, `open_composite`) and never ranked.

The cost of the pivot grows with its aggregates (at 10 million answers, 46 of them took
twice as long as 12), so each takes as few as it can. Counts per option are packed:
`sum(1 << (option × b))` adds every option's count into its own b bits of one integer. b
is wide enough for the most ballots any subject has, and the answers hold at most one per
ballot and indicator (their primary key), so no count can spill into its neighbour; an
indicator whose options would not fit into 62 bits gets one count per option instead. The
points of an option follow from the scheme, so an option scale's sum of points is read
from its counts; the 0–100 score has its own count and sum. The row's sum of all points
checks that the stored points are the scheme's.

Python only combines those rows: the composite of a subject is Σ_g w_g × Σ_i (w_i/100 ×
mean points of indicator i in group g), where the group weights w_g are renormalised over
the groups that cast at least one ballot for that subject (a subject nobody of the public
rated is judged on the groups that did, instead of counting the missing group as zero). It
therefore stays within the points of the scale. A subject with fewer than `round.min_n`
trusted ballots is marked `insufficient_sample` (and is not ranked); one whose share of
worst-option answers, pooled over all its trusted answers on option scales, reaches
`round.dissatisfied_flag_share` is flagged.

Results are written with COPY on PostgreSQL and executemany of plain tuples elsewhere: at
100,000 subjects a count stores millions of cells, where model instances would cost more
than the counting. The cells of a subject go into one row (`SubjectCells`) as their raw
figures (answers, sum of points, counts per option); shares and intervals are computed
when they are read. That row's JSON is PostgreSQL's `json`, not `jsonb` (`JSONTextField`):
turning every small integer into a `numeric` made its COPY the largest part of storing a
county count. Each row is written once, complete: a subject's result is ranked and graded
in memory (with its record figures weighed in) before it is inserted, where an UPDATE of
the stored rows wrote every row a second time.

The ballot set's fingerprint is taken when the set is fixed (`close_round` seals it) and
published by every count whose figures show it still describes the ballots counted: the
digest of the aggregation (`figures_digest`) equals the one the seal recorded. Otherwise
(ballots added by a paper count after the close, or changed behind the application's
back) the count fingerprints the ballots afresh and seals them anew. Fingerprinting reads
every answer again, by ballot: for a county round as long as all the rest of the count.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError

from . import rules as ev_rules
from . import sources
from .domain.common import _locked_round, _require, _require_state
from .enums import Channel, RoundState
from .models import (
    BallotSetSeal, Indicator, Round, RoundGroup, RoundSubject, SubjectCells, SubjectResult, TallyResult, TallyStage,
)
from .queries import database_fingerprint
from .ranking import rank_entries

#: The 97.5 % quantile of the standard normal distribution (two-sided 95 %).
Z95 = 1.959963984540054
#: Composite and mean points are stored rounded, so float noise cannot leave the scale.
DIGITS = 6
#: Bits of a packed aggregate: SQLite's integers are signed 64-bit and sum() refuses to overflow.
PACK_BITS = 62
#: Rows per INSERT batch where there is no COPY.
BATCH = 50_000

Progress = Callable[[str, int], None]


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
    means: dict[int, dict[int, float]] = defaultdict(dict)
    for (g, i), cell in cells.items():
        if cell.n:
            means[g][i] = cell.mean()
    return weighted_score(means, indicator_weights, group_weights)


def weighted_score(means: Mapping[int, Mapping[int, float]], indicator_weights: Mapping[int, int],
                   group_weights: Mapping[int, int]) -> float | None:
    """`composite` from mean points keyed group id → indicator id (groups with answers only)."""
    total_weight = sum(group_weights[g] for g in means)
    if not total_weight:
        return None
    score = 0.0
    for g in sorted(means):
        group_means = means[g]
        inner = sum(weight / 100 * group_means[i] for i, weight in indicator_weights.items() if i in group_means)
        score += group_weights[g] / total_weight * inner
    return round(score, DIGITS)


def cell_figures(n: int, points: int, counts: list[int]) -> tuple:
    """A cell's figures from n, its sum of points and counts per option (empty for the
    0–100 score): (mean points, good share, its interval's low and high, dissatisfied
    share); the shares are None for the 0–100 score."""
    mean = round(points / n, DIGITS)
    if not counts:
        return (mean, None, None, None, None)
    good = counts[0] + counts[1]
    low, high = wilson_interval(good, n)
    return (mean, good / n, low, high, counts[-1] / n)


@dataclass(frozen=True)
class Column:
    """Where one indicator's figures sit in a pivot row, and how to read them.

    The 0–100 score has a count and a sum of points. An option scale has its counts per
    option, packed into one value (`bits` > 0) or one value each; its points follow from
    the counts (`points` per option, the scheme's, which an answer's own must equal).
    Most cells repeat a few distinct values, so a value is read once per count (`figures`).
    """

    indicator_id: int
    points: tuple[int, ...]
    bits: int = 0
    _seen: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def options(self) -> int:
        return len(self.points)

    @property
    def width(self) -> int:
        if not self.options:
            return 2
        return 1 if self.bits else self.options

    def sql(self, prefix: str) -> tuple[list[str], list]:
        where = f"FILTER (WHERE {prefix}indicator_id = %s)"
        if not self.options:
            return [f"COUNT(*) {where}", f"SUM({prefix}points) {where}"], [self.indicator_id] * 2
        if self.bits:
            # Cast back: PostgreSQL's sum of bigints is a numeric.
            return [f"CAST(SUM(CAST(1 AS BIGINT) << ({prefix}option * %s)) {where} AS BIGINT)"], [
                self.bits, self.indicator_id,
            ]
        count = f"COUNT(*) FILTER (WHERE {prefix}indicator_id = %s AND {prefix}option = %s)"
        return [count] * self.options, [v for o in range(self.options) for v in (self.indicator_id, o)]

    def pack(self, counts: list[int]):
        """The row value that `read` turns into these counts."""
        if self.bits:
            return sum(c << (self.bits * o) for o, c in enumerate(counts))
        return tuple(counts)

    def minus(self, value, part):
        """The row value of the answers of `value` that are not in `part` (a subset of them,
        the open survey's): packed counts subtract as one integer, as no count of `part`
        exceeds its own in `value` and nothing borrows from a neighbour."""
        if self.bits:
            return (value or 0) - (part or 0)
        return tuple((a or 0) - (b or 0) for a, b in zip(value, part, strict=True))

    def read(self, value) -> tuple[int, int, list[int] | None]:
        """(n, sum of points, counts per option or None) from `value`."""
        if not self.options:
            return value[0] or 0, value[1] or 0, None
        if self.bits:
            packed, mask = value or 0, (1 << self.bits) - 1
            counts = [(packed >> (self.bits * o)) & mask for o in range(self.options)]
        else:
            counts = [v or 0 for v in value]
        return sum(counts), sum(c * p for c, p in zip(counts, self.points, strict=True)), counts

    def figures(self, value) -> tuple[int, int, list[int], int, int, int, str, str]:
        """(n, sum of points, counts per option (empty for the 0–100 score), answers on an
        option scale, worst-option answers, answers in the two best options, and the
        stored cell's JSON after its group id, trusted and open survey) of a row's `value`
        (one value, or a tuple for several), once per value."""
        found = self._seen.get(value)
        if found is None:
            n, points, counts = self.read(value)
            counts = counts or []
            tail = f"{n},{points},[{','.join(map(str, counts))}]]"
            found = (n, points, counts, n if counts else 0, counts[-1] if counts else 0,
                     counts[0] + counts[1] if counts else 0, f"{self.indicator_id},0,{tail}",
                     f"{self.indicator_id},1,{tail}")
            self._seen[value] = found
        return found


@dataclass
class Aggregation:
    """What the database counted for one round; `rows` are ordered by subject, then group.

    A row is (subject id, group id, the columns' values…, sum of all its points).
    """

    columns: list[Column]
    ballots: dict[int, list[int]]  # subject id → [trusted ballots, open-survey ballots]
    rows: list[tuple]
    open_rows: dict[tuple[int, int], tuple]


def pivot_columns(indicators: Iterable[Indicator], max_ballots: int) -> list[Column]:
    """The pivot's layout: packed counts wide enough for `max_ballots` answers per option."""
    bits = max(1, max_ballots.bit_length())
    columns = []
    for ind in indicators:
        points = tuple(ind.option_points)
        columns.append(Column(ind.pk, points, bits if points and len(points) * bits <= PACK_BITS else 0))
    return columns


def _pivot_sql(columns: list[Column], round_id: int, *, open_only: bool) -> tuple[str, list]:
    """The pivot over all the round's answers, or over those of its open-survey ballots.

    The open-survey part visits those ballots in id order, which is the answers' own order
    on disk after the close rewrite, and reaches their answers through the primary key:
    PostgreSQL's planner would rather hash-join a scan of every answer (1.7× slower for
    3 % open ballots here; OFFSET 0 keeps the lateral subquery apart), and SQLite would
    walk the ballots in subject order (2× slower).
    """
    prefix = "a." if open_only else ""
    parts, params = [], []
    for column in columns:
        sql, values = column.sql(prefix)
        parts += sql
        params += values
    select = ", ".join([*parts, f"SUM({prefix}points)"])
    if not open_only:
        return (
            f"SELECT subject_id, group_id, {select} FROM evaluation_answer WHERE round_id = %s"  # nosec B608 # aggregate expressions built in code (prefix a. or none); indicator ids are bound parameters
            " GROUP BY subject_id, group_id ORDER BY subject_id, group_id",
            [*params, round_id],
        )
    if connection.vendor == "postgresql":
        source = (
            "(SELECT id FROM evaluation_ballot WHERE round_id = %s AND channel = %s ORDER BY id) AS b"
            " CROSS JOIN LATERAL (SELECT subject_id, group_id, indicator_id, option, points"
            " FROM evaluation_answer WHERE ballot_id = b.id OFFSET 0) AS a"
        )
        return f"SELECT a.subject_id, a.group_id, {select} FROM {source} GROUP BY a.subject_id, a.group_id", [  # nosec B608 # aggregate expressions built in code (prefix a. or none); indicator ids are bound parameters
            *params, round_id, Channel.OPEN,
        ]
    return (
        "WITH b AS MATERIALIZED (SELECT id FROM evaluation_ballot WHERE round_id = %s AND channel = %s ORDER BY +id)"  # nosec B608 # aggregate expressions built in code (prefix a. or none); indicator ids are bound parameters
        f" SELECT a.subject_id, a.group_id, {select} FROM b CROSS JOIN evaluation_answer a ON a.ballot_id = b.id"
        " GROUP BY a.subject_id, a.group_id",
        [round_id, Channel.OPEN, *params],
    )


def aggregate_round(round_: Round, indicators: list[Indicator] | None = None) -> Aggregation:
    """The database's part of a count: ballots per channel, the pivot and its open-survey part."""
    if indicators is None:
        indicators = list(Indicator.objects.filter(scheme_id=round_.scheme_id).order_by("order"))
    ballots: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT channel, subject_id, COUNT(*) FROM evaluation_ballot WHERE round_id = %s"
            " GROUP BY channel, subject_id",
            [round_.pk],
        )
        for channel, subject_id, n in cursor.fetchall():
            ballots[subject_id][channel == Channel.OPEN] += n
        columns = pivot_columns(indicators, max((sum(b) for b in ballots.values()), default=0))
        cursor.execute(*_pivot_sql(columns, round_.pk, open_only=False))
        rows = cursor.fetchall()
        open_rows = {}
        if any(open_n for _trusted, open_n in ballots.values()):
            cursor.execute(*_pivot_sql(columns, round_.pk, open_only=True))
            open_rows = {(row[0], row[1]): row for row in cursor.fetchall()}
    return Aggregation(columns, dict(ballots), rows, open_rows)


CELLS_FIELDS = ("tally", "subject", "good", "optioned", "cells")
SUBJECT_FIELDS = ("tally", "subject", "n", "composite", "dissatisfied_share", "insufficient_sample",
                  "dissatisfied_flag", "open_n", "open_composite", "record_values", "peer_group", "rank_peer",
                  "peer_size", "rank_county", "grade")


@dataclass
class _Subject:
    """What a subject's cells add up to, per channel, and the cells themselves (`SubjectCells`)."""

    means: dict[int, dict[int, float]] = field(default_factory=dict)
    open_means: dict[int, dict[int, float]] = field(default_factory=dict)
    optioned: int = 0
    worst: int = 0
    good: int = 0
    answers: int = 0
    cells: list[str] = field(default_factory=list)
    open_cells: list[str] = field(default_factory=list)


def combine(agg: Aggregation) -> tuple[list[tuple], dict[int, _Subject]]:
    """`SubjectCells` rows (without their tally), and per subject the sums its own figures
    are made of.

    Refuses (and so nothing is stored) when an answer's stored points are not what the
    scheme gives its option: the points of option scales are read from the counts. This
    loop runs once per cell (millions for a province), hence its plain locals.
    """
    subjects: dict[int, _Subject] = {}
    layout, start = [], 2
    for column in agg.columns:
        layout.append((column.indicator_id, start, column.width, column._seen, column))
        start += column.width
    for row in agg.rows:
        subject_id, group_id = row[0], row[1]
        subject = subjects.get(subject_id)
        if subject is None:
            subject = subjects[subject_id] = _Subject()
        cells, open_cells = subject.cells, subject.open_cells
        head = f"[{group_id},"
        open_row = agg.open_rows.get((subject_id, group_id))
        means, open_means, total, open_total, optioned, worst, good, answers = {}, {}, 0, 0, 0, 0, 0, 0
        for i, start, width, seen, column in layout:
            value = row[start] if width == 1 else row[start:start + width]
            found = seen.get(value) or column.figures(value)
            n, points = found[0], found[1]
            total += points
            answers += n
            if open_row is not None:
                value = open_row[start] if width == 1 else open_row[start:start + width]
                open_found = seen.get(value) or column.figures(value)
                open_n, open_points, open_counts = open_found[:3]
                open_total += open_points
                if open_n:
                    open_cells.append(head + open_found[7])
                    open_means[i] = open_points / open_n
                    n, points = n - open_n, points - open_points
                    if open_counts:
                        trusted = column.minus(row[start] if width == 1 else row[start:start + width], value)
                        found = seen.get(trusted) or column.figures(trusted)
                    else:
                        found = column.figures((n, points))
            if n:
                cells.append(head + found[6])
                means[i] = points / n
                optioned += found[3]
                worst += found[4]
                good += found[5]
        if total != (row[-1] or 0) or (open_row is not None and open_total != (open_row[-1] or 0)):
            raise DomainError(
                _("Stored points of answers for subject %(subject)s do not match the scheme's points; nothing was "
                  "counted.") % {"subject": subject_id},
                code="points_mismatch",
            )
        subject.optioned += optioned
        subject.worst += worst
        subject.good += good
        subject.answers += answers
        if means:
            subject.means[group_id] = means
        if open_means:
            subject.open_means[group_id] = open_means
    # The JSON of the cells, joined from pieces made once per distinct value (`Column.figures`).
    rows = [
        (subject_id, s.good, s.optioned, f"[{','.join(s.cells + s.open_cells)}]")
        for subject_id, s in subjects.items() if s.cells or s.open_cells
    ]
    return rows, subjects


def figures_digest(agg: Aggregation) -> str:
    """SHA-256 of what the database counted for a round: the pivot's layout and rows, and
    the ballots per subject and channel. Equal digests mean equal results."""
    layout = [(c.indicator_id, c.points, c.bits) for c in agg.columns]
    text = repr((layout, sorted(agg.ballots.items()), agg.rows, sorted(agg.open_rows.items())))
    return hashlib.sha256(text.encode()).hexdigest()


def sealed_fingerprint(round_: Round, agg: Aggregation) -> str:
    """The fingerprint of the ballots `agg` counted: the seal's if its figures are those
    of `agg` (a first count after the close: if its number of ballots is), else taken
    afresh from the ballots and sealed with these figures."""
    digest = figures_digest(agg)
    ballots = sum(sum(b) for b in agg.ballots.values())
    seal = BallotSetSeal.objects.filter(round=round_).first()
    if seal is not None and seal.figures == digest:
        return seal.fingerprint
    if seal is not None and not seal.figures and seal.ballots == ballots:
        seal.figures = digest
        seal.save(update_fields=["figures"])
        return seal.fingerprint
    fingerprint = database_fingerprint(round_)
    BallotSetSeal.objects.update_or_create(
        round=round_, defaults={"fingerprint": fingerprint, "ballots": ballots, "figures": digest}
    )
    return fingerprint


def _insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain rows into a model's table: COPY on PostgreSQL, executemany in batches elsewhere."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # nosec B608 # table and column names come from model _meta, quoted; every value is a bound parameter
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start:start + BATCH])


def _no_progress(stage: str, percent: int) -> None:
    """The default of `tally_round(progress=…)`: nobody is watching."""


def tally_round(round_: Round, *, by, progress: Progress = _no_progress) -> TallyResult:
    """Count a closed (or released) round and store its results, replacing any earlier count.

    `progress(stage, percent)` is told each step (a TallyStage value) as it begins. Ballots
    answer the ballot indicators only; the figures of record indicators are read from their
    sources and weighed into the composites before ranking (`sources`, whose docstring
    gives the formula). Every stored row is written once, complete: the subjects' results
    are ranked and graded in memory and then inserted (an UPDATE of stored rows costs more
    than the insert on PostgreSQL, which writes a new version of every row it updates).
    """
    _require(ev_rules.can_manage_rounds(by), by)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.CLOSED, RoundState.RELEASED], _("Counting the ballots"))
        scheme_indicators = list(Indicator.objects.filter(scheme_id=round_.scheme_id).order_by("order"))
        indicators = sources.ballot_indicators(scheme_indicators)
        group_weights = dict(RoundGroup.objects.filter(round=round_).values_list("pk", "voter_group__weight"))
        indicator_weights = {i.pk: i.weight for i in indicators}
        # (id, organisation id, member id, sector, level): for the record sources and the peer groups.
        round_subjects = list(
            RoundSubject.objects.filter(round=round_).order_by("pk")
            .values_list("pk", "organization_id", "member_id", "organization__sector", "organization__level")
        )
        if records := sources.record_indicators(scheme_indicators):
            figures = sources.record_values(round_, records, [row[:3] for row in round_subjects])

        progress(TallyStage.AGGREGATE, 5)
        agg = aggregate_round(round_, indicators)
        progress(TallyStage.FINGERPRINT, 25)
        ballot_set = sealed_fingerprint(round_, agg)
        progress(TallyStage.STORE, 50)
        cells, sums = combine(agg)
        TallyResult.objects.filter(round=round_).delete()
        tally = TallyResult.objects.create(
            round=round_, fingerprint=ballot_set, ballots=sum(sum(b) for b in agg.ballots.values()),
            answers=sum(s.answers for s in sums.values()),
        )
        _insert(SubjectCells, CELLS_FIELDS, [(tally.pk, *row) for row in cells])
        flag_share = float(round_.dissatisfied_flag_share)
        empty = _Subject()
        # Per subject: SUBJECT_FIELDS from "subject" to "record_values".
        results = []
        for subject_id, *_ids in round_subjects:
            s = sums.get(subject_id, empty)
            n, open_n = agg.ballots.get(subject_id, (0, 0))
            dissatisfied = s.worst / s.optioned if s.optioned else None
            results.append([
                subject_id, n, weighted_score(s.means, indicator_weights, group_weights), dissatisfied,
                n < round_.min_n, dissatisfied is not None and dissatisfied >= flag_share, open_n,
                weighted_score(s.open_means, indicator_weights, group_weights), None,
            ])
        if records:
            completed = sources.apply_records(scheme_indicators, figures, ((r[0], r[2], r[7]) for r in results))
            for result, (values, composite, open_composite) in zip(results, completed, strict=True):
                result[2], result[7], result[8] = composite, open_composite, json.dumps(values)

        progress(TallyStage.RANK, 90)
        ranks = rank_entries(
            ((r[0], r[2], r[4], r[5], member_id, sector, level)
             for r, (_id, _org, member_id, sector, level) in zip(results, round_subjects, strict=True)),
            round_.grading,
        )
        _insert(SubjectResult, SUBJECT_FIELDS, [(tally.pk, *r, *ranks[r[0]]) for r in results])
        audit.record(
            "evaluation.round.tally", by=by, obj=round_,
            after={"fingerprint": ballot_set, "ballots": tally.ballots, "answers": tally.answers,
                   "subjects": len(results), "insufficient": sum(r[4] for r in results),
                   "flagged": sum(r[5] for r in results)},
        )
    return tally
