"""The four comparisons (四比), read from released evaluation results.

Everything here reads the stored tally rows (`SubjectResult`) of released rounds, never
ballots, and only of organisations (a person evaluated in a round is not compared here).
A user compares the organisations of `organizations_visible_to` in the released rounds of
`rounds_visible_to`; organisations are named only when the user sees them. Aggregates
over organisations the user may not see (a peer group's distribution, other townships'
averages) are shown only for groups of at least `MIN_GROUP` scored organisations, so that
no figure is one unit's score under another name.

Each comparison is one or two aggregate queries whatever the number of organisations: the
joins start from the organisation and round (indexed) and reach results through the
(tally, subject) unique index; per-group figures are GROUP BY and conditional aggregates.
Figures that must read a whole peer group or round (the distribution, the ranks around an
organisation, the townships' figures) are cached per count: released results change only
with a recount, which makes a new count and so new keys.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Avg, Count, F, Max, Min, Q, QuerySet, Sum

from pacesetter.evaluation.enums import Grade, RoundState
from pacesetter.evaluation.models import Round, SubjectResult
from pacesetter.evaluation.queries import rounds_visible_to
from pacesetter.evaluation.ranking import GRADE_ORDER
from pacesetter.orgs.models import Organization
from pacesetter.orgs.queries import organizations_visible_to, subtree_q

#: Fewest scored organisations a group needs before its aggregate figures are shown.
MIN_GROUP = 3
#: Width of a bin of the composite-score histogram (scores run from 0 to 100).
BIN_WIDTH = 10
BINS = [(low, low + BIN_WIDTH) for low in range(0, 100, BIN_WIDTH)]
#: How long a round's aggregate figures stay cached (they change only with a recount).
CACHE_SECONDS = 3600
#: Peers shown by name on either side of an organisation's peer rank.
NEIGHBOURS = 5
QUARTILES = {"q1": 0.25, "median": 0.5, "q3": 0.75}
GRADES = [grade.value for grade in GRADE_ORDER]


def released_rounds_visible_to(user) -> QuerySet[Round]:
    """The user's rounds whose results are published, newest first, with their count."""
    return (
        rounds_visible_to(user)
        .filter(state=RoundState.RELEASED, tally__isnull=False)
        .select_related("tally")
        .order_by("-opens_at", "-id")
    )


def percentile(rank: int | None, size: int | None) -> float | None:
    """The share of the peer group ranked below (0–100): rank 1 of 10 is 90."""
    if not rank or not size:
        return None
    return round(100 * (size - rank) / size, 1)


def organization_results(round_: Round) -> QuerySet[SubjectResult]:
    """A released round's results of organisations (not persons). Naming the subject's
    round too lets a join start from the organisations, through the (round, organization)
    index of subjects, instead of scanning the whole count."""
    return SubjectResult.objects.filter(tally_id=round_.tally.pk, subject__round_id=round_.pk,
                                        subject__member__isnull=True)


def cached(round_: Round, name: str, compute):
    """A figure of a released count, kept in the cache: a recount replaces the count (a new
    id and time), so the key names both and a stale figure is never read."""
    tally = round_.tally
    digest = hashlib.sha256(name.encode()).hexdigest()[:32]
    key = f"comparisons:{tally.pk}:{tally.tallied_at.timestamp()}:{digest}"
    return cache.get_or_set(key, compute, CACHE_SECONDS)


def _grade_counts() -> dict:
    return {grade: Count("pk", filter=Q(grade=grade)) for grade in GRADES}


# --- Over time -------------------------------------------------------------------------


def history(org: Organization, *, kind: str = "") -> list[dict]:
    """The organisation's results in every released round, oldest first: round, composite,
    grade, ranks and percentile. The join goes organisation → its subjects → the round's
    count → the (tally, subject) index, so it costs the same in a province as in a county."""
    qs = SubjectResult.objects.filter(
        subject__organization=org, subject__member__isnull=True,
        tally__round__state=RoundState.RELEASED, tally__round_id=F("subject__round_id"),
    )
    if kind:
        qs = qs.filter(tally__round__kind=kind)
    rows = list(
        qs.order_by("tally__round__opens_at", "tally__round_id").values(
            "composite", "grade", "rank_peer", "peer_size", "rank_county", "peer_group", "n",
            round_id=F("tally__round_id"), round_name=F("tally__round__name"),
            round_kind=F("tally__round__kind"), opens_at=F("tally__round__opens_at"),
        )
    )
    for row in rows:
        row["percentile"] = percentile(row["rank_peer"], row["peer_size"])
        row["grade_label"] = grade_label(row["grade"])
    return rows


# --- Across peers ----------------------------------------------------------------------


@dataclass
class PeerPosition:
    """An organisation's place in its peer group (same sector and level) in one round."""

    result: SubjectResult
    percentile: float | None
    #: Aggregates of the ranked peers: count, mean, min, quartiles, max; None if too few.
    summary: dict | None
    #: Ranked peers per composite bin: [(low, high, count)]; empty if too few.
    bins: list[tuple[int, int, int]] = field(default_factory=list)
    #: Peers the user sees, ranked around the organisation.
    neighbours: list[SubjectResult] = field(default_factory=list)


def own_result(org: Organization, round_: Round) -> SubjectResult | None:
    return (
        organization_results(round_).filter(subject__organization=org)
        .select_related("subject__organization").first()
    )


def peer_position(user, org: Organization, round_: Round) -> PeerPosition | None:
    """Rank, percentile and the peer group's distribution; None if the organisation was not
    evaluated in the round. Quartiles come from the stored peer ranks: the k-th best score
    is the lowest score ranked k or better (ties share their first rank), so one aggregate
    query gives them on any database."""
    result = own_result(org, round_)
    if result is None:
        return None
    position = PeerPosition(result, percentile(result.rank_peer, result.peer_size), None)
    if not result.peer_group:
        return position
    peers = SubjectResult.objects.filter(
        tally_id=round_.tally.pk, peer_group=result.peer_group, rank_peer__isnull=False, composite__isnull=False
    )
    size = result.peer_size or 0
    if size >= MIN_GROUP:
        position.summary, position.bins = cached(
            round_, f"peers:{result.peer_group}", lambda: _distribution(peers, size))
    if result.rank_peer:
        around = peers.filter(rank_peer__gte=result.rank_peer - NEIGHBOURS, rank_peer__lte=result.rank_peer + NEIGHBOURS)
        ids = cached(round_, f"around:{result.subject_id}", lambda: list(around.values_list("pk", flat=True)))
        position.neighbours = list(
            SubjectResult.objects.filter(pk__in=ids, subject__organization__in=organizations_visible_to(user))
            .select_related("subject__organization").order_by("rank_peer", "subject__organization__code")
        )
    return position


def _distribution(peers: QuerySet[SubjectResult], size: int) -> tuple[dict, list[tuple[int, int, int]]]:
    """(summary, bins) of a peer group of `size` ranked, in one aggregate query."""
    # Nearest-rank percentiles: the n-th lowest of N, n = ⌈p·N⌉, is the (N − n + 1)-th best.
    places = {name: size - math.ceil(share * size) + 1 for name, share in QUARTILES.items()}
    figures = peers.aggregate(
        count=Count("pk"), mean=Avg("composite"), min=Min("composite"), max=Max("composite"),
        **{name: Min("composite", filter=Q(rank_peer__lte=place)) for name, place in places.items()},
        **{f"bin{low}": Count("pk", filter=_bin_q(low, high)) for low, high in BINS},
    )
    bins = [(low, high, figures.pop(f"bin{low}")) for low, high in BINS]
    return figures, bins


def _bin_q(low: int, high: int) -> Q:
    """Scores in [low, high); the last bin also holds 100."""
    q = Q(composite__gte=low)
    return q & Q(composite__lt=high) if high < 100 else q


# --- Within the unit -------------------------------------------------------------------


def within_results(org: Organization, round_: Round, *, level: str = "", sector: str = "",
                   township: str = "") -> QuerySet[SubjectResult]:
    """The organisation's children (or, with `level`, all its descendants of that level)
    in the round, best composite first. Every row is inside `org`'s subtree, so whoever
    sees `org` sees them all."""
    units = Organization.objects.filter(subtree_q(org.path)).exclude(pk=org.pk)
    units = units.filter(level=level) if level else units.filter(depth=org.depth + 1)
    if sector:
        units = units.filter(sector=sector)
    if township:
        units = units.filter(township=township)
    return (
        organization_results(round_).filter(subject__organization__in=units)
        .select_related("subject__organization")
        .order_by(F("composite").desc(nulls_last=True), "subject__organization__code")
    )


def within_ranking(org: Organization, round_: Round, **filters) -> tuple[list[int], dict]:
    """(result ids best first, summary) of `within_results`, cached per count: at province
    scale "every branch below the province" sorts and sums 100,000 rows, which a page of 50
    then reads by primary key."""
    qs = within_results(org, round_, **filters)
    name = "within:" + ":".join([str(org.pk), *(filters.get(k, "") for k in ("level", "sector", "township"))])
    return cached(round_, name, lambda: (list(qs.values_list("pk", flat=True)), summarize(qs)))


def results_in_order(ids: list[int]) -> list[SubjectResult]:
    """The results of `ids` in that order, with their organisations, in one query."""
    found = SubjectResult.objects.filter(pk__in=ids).select_related("subject__organization").in_bulk()
    return [found[pk] for pk in ids if pk in found]


def summarize(qs: QuerySet[SubjectResult]) -> dict:
    """Count, mean composite and subjects per grade of `qs`, in one query."""
    return qs.order_by().aggregate(count=Count("pk"), scored=Count("composite"), mean=Avg("composite"),
                                   **_grade_counts())


# --- With outside units ----------------------------------------------------------------


@dataclass
class GroupFigures:
    """One township's (or sector's) figures in a round; `mean` and the grade counts are
    None when fewer than MIN_GROUP of its organisations have a score."""

    key: str
    count: int
    scored: int
    mean: float | None
    grades: dict[str, int] | None
    #: Mean minus the county's mean.
    difference: float | None = None
    rank: int | None = None

    @property
    def shown(self) -> bool:
        return self.mean is not None

    @property
    def grade_counts(self) -> list[int]:
        """Organisations per grade, best first (empty when not shown)."""
        return [self.grades[grade] for grade in GRADES] if self.grades else []


def outside(round_: Round, *, by: str, sector: str = "", level: str = "",
            township: str = "") -> tuple[list[GroupFigures], GroupFigures]:
    """Per township (or sector) and for the whole county: organisations, scored ones, mean
    composite and grade counts, from one GROUP BY query over the round (cached); groups
    ranked by mean."""
    qs = organization_results(round_)
    if sector:
        qs = qs.filter(subject__organization__sector=sector)
    if level:
        qs = qs.filter(subject__organization__level=level)
    if township:
        qs = qs.filter(subject__organization__township=township)
    rows = cached(round_, f"outside:{by}:{sector}:{level}:{township}", lambda: list(
        qs.values(key=F(f"subject__organization__{by}"))
        .annotate(count=Count("pk"), scored=Count("composite"), total=Sum("composite"), **_grade_counts())
        .order_by("key")
    ))
    groups = [_figures(row["key"], row) for row in rows]
    county = _figures("", {
        "count": sum(r["count"] for r in rows), "scored": sum(r["scored"] for r in rows),
        "total": sum(r["total"] or 0 for r in rows), **{g: sum(r[g] for r in rows) for g in GRADES},
    })
    shown = sorted((g for g in groups if g.shown), key=lambda g: -g.mean)
    for place, group in enumerate(shown, start=1):
        group.rank = place
        if county.mean is not None:
            group.difference = round(group.mean - county.mean, 2)
    return groups, county


def _figures(key: str, row: dict) -> GroupFigures:
    if row["scored"] < MIN_GROUP:
        return GroupFigures(key, row["count"], row["scored"], None, None)
    return GroupFigures(key, row["count"], row["scored"], round(row["total"] / row["scored"], 2),
                        {grade: row[grade] for grade in GRADES})


def grade_label(value: str) -> str:
    return str(Grade(value).label) if value in Grade.values else ""
