"""推优排队 and 分类定级: ranks and grades of a tally's subjects.

Subjects are ranked within their peer group (organisations of the same sector and level;
persons apart, by the sector and level of their organisation) and county-wide among
subjects of the same kind (organisations, or persons). Only subjects with a trusted
composite and enough ballots are ranked; the others keep no rank and no grade.

Ranks are standard competition ranks (1, 2, 2, 4) of the composite as stored (rounded by
the tally), higher first, so equal stored scores always share a rank.

Grades follow the round's rules merged over `DEFAULT_GRADING`:

* advanced: composite ≥ `advanced_min` and a peer rank within the top
  ⌈`advanced_top_share` × peer size⌉ (a tie on the boundary is inside: its rank is);
* lagging: composite < `fair_min`, or a peer rank within the bottom
  ⌊`lagging_bottom_share` × peer size⌋ positions. A tie straddling that boundary is
  *not* lagging by share: with competition ranks the tied subjects take the rank of the
  tie's first position, which lies above the bottom positions. The share names at most
  that many laggards and never more, because a tie cannot tell who the laggard is;
* otherwise good when composite ≥ `good_min`, else fair;
* a subject flagged for dissatisfaction gets at best `flag_caps_at`.
"""
from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from pacesetter.orgs.enums import OrgLevel, Sector

from .enums import Grade
from .models import SubjectResult, TallyResult
from .validators import DEFAULT_GRADING, validate_grading

__all__ = ["DEFAULT_GRADING", "GRADE_ORDER", "grading_rules", "peer_group_label", "rank_and_grade"]

#: Best first: a lower index is a better grade.
GRADE_ORDER = (Grade.ADVANCED, Grade.GOOD, Grade.FAIR, Grade.LAGGING)

PERSON_PREFIX = "person/"
_FIELDS = ["peer_group", "rank_peer", "peer_size", "rank_county", "grade"]
_BATCH = 2000


def grading_rules(grading: dict | None) -> dict:
    """A round's grading rules, checked and merged over the defaults."""
    grading = grading or {}
    validate_grading(grading)
    return {**DEFAULT_GRADING, **grading}


def peer_group_key(sector: str, level: str, *, person: bool) -> str:
    """"village/branch" for an organisation, "person/village/branch" for a person."""
    key = f"{sector}/{level}"
    return PERSON_PREFIX + key if person else key


def peer_group_label(key: str) -> str:
    """The peer group in words, e.g. "village · branch" or "persons · village · branch"."""
    if not key:
        return ""
    person = key.startswith(PERSON_PREFIX)
    sector, _sep, level = key.removeprefix(PERSON_PREFIX).partition("/")
    parts = [
        str(Sector(sector).label) if sector in Sector.values else sector,
        str(OrgLevel(level).label) if level in OrgLevel.values else level,
    ]
    if person:
        parts.insert(0, _("persons"))
    return " · ".join(parts)


def competition_ranks(scores: list[float]) -> list[int]:
    """Standard competition ranks (1, 2, 2, 4) of scores, higher first, in the order given."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ranks = [0] * len(scores)
    for position, i in enumerate(order, start=1):
        previous = order[position - 2] if position > 1 else None
        tied = previous is not None and scores[previous] == scores[i]
        ranks[i] = ranks[previous] if tied else position
    return ranks


def _share_count(share: float, size: int, rounding) -> int:
    # Decimal of the written value: 0.1 × 30 is 3, not float's 3.0000000000000004 (ceil 4).
    return int(rounding(Decimal(str(share)) * size))


def grade_for(composite: float, *, rank: int, size: int, flagged: bool, rules: dict) -> str:
    """The grade of one ranked subject (see the module docstring)."""
    top = _share_count(rules["advanced_top_share"], size, math.ceil)
    bottom = _share_count(rules["lagging_bottom_share"], size, math.floor)
    if composite < rules["fair_min"] or rank > size - bottom:
        grade = Grade.LAGGING
    elif composite >= rules["advanced_min"] and rank <= top:
        grade = Grade.ADVANCED
    elif composite >= rules["good_min"]:
        grade = Grade.GOOD
    else:
        grade = Grade.FAIR
    if flagged:
        grade = max(grade, Grade(rules["flag_caps_at"]), key=GRADE_ORDER.index)
    return grade.value


def _rank_within(members: list[tuple[int, float]]) -> dict[int, int]:
    ranks = competition_ranks([score for _pk, score in members])
    return {pk: rank for (pk, _score), rank in zip(members, ranks, strict=True)}


def rank_and_grade(tally: TallyResult) -> None:
    """Fill peer group, ranks, peer size and grade of every SubjectResult of the tally.

    Part of a count (tally_round calls it inside its transaction and audit entry), so it
    records nothing itself. One read with the subjects' organisations, the ranking in
    Python (sorting 100,000 numbers is nothing), one bulk update.
    """
    rules = grading_rules(tally.round.grading)
    rows = (
        SubjectResult.objects.filter(tally=tally)
        .values_list("pk", "composite", "insufficient_sample", "dissatisfied_flag", "subject__member_id",
                     "subject__organization__sector", "subject__organization__level")
        .order_by("pk")
    )
    results: list[SubjectResult] = []
    peers: dict[str, list[tuple[int, float]]] = defaultdict(list)
    kinds: dict[bool, list[tuple[int, float]]] = defaultdict(list)
    flagged: set[int] = set()
    for pk, score, insufficient, flag, member_id, sector, level in rows:
        person = member_id is not None
        key = peer_group_key(sector, level, person=person)
        results.append(SubjectResult(pk=pk, peer_group=key, composite=score))
        if insufficient or score is None:
            continue
        peers[key].append((pk, score))
        kinds[person].append((pk, score))
        if flag:
            flagged.add(pk)

    county_ranks: dict[int, int] = {}
    for members in kinds.values():
        county_ranks.update(_rank_within(members))
    peer_ranks: dict[int, tuple[int, int]] = {}
    for members in peers.values():
        size = len(members)
        peer_ranks.update((pk, (rank, size)) for pk, rank in _rank_within(members).items())

    for result in results:
        ranked = peer_ranks.get(result.pk)
        if ranked is None:
            result.rank_peer = result.peer_size = result.rank_county = None
            result.grade = ""
            continue
        result.rank_peer, result.peer_size = ranked
        result.rank_county = county_ranks[result.pk]
        result.grade = grade_for(result.composite, rank=result.rank_peer, size=result.peer_size,
                                 flagged=result.pk in flagged, rules=rules)
    SubjectResult.objects.bulk_update(results, _FIELDS, batch_size=_BATCH)
