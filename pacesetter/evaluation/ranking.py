"""推优排队 and 分类定级: ranks and grades of a tally's subjects.

Subjects are ranked within their peer group (organisations of the same sector and level;
persons apart, by the sector and level of their organisation) and county-wide among
subjects of the same kind (organisations, or persons). Only subjects with a trusted
composite and enough ballots are ranked; the others keep no rank and no grade (their
peer group is still named, so a result page can list them with their peers).

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

from django.db import connection
from django.utils.translation import gettext as _

from pacesetter.orgs.enums import OrgLevel, Sector

from .enums import Grade
from .models import Round, RoundSubject, SubjectResult, TallyResult
from .validators import DEFAULT_GRADING, validate_grading

__all__ = [
    "DEFAULT_GRADING", "GRADE_ORDER", "competition_ranks", "grade_for", "grading_rules", "peer_group_key",
    "peer_group_label", "rank_and_grade", "rank_entries", "rank_results",
]

#: Best first: a lower index is a better grade.
GRADE_ORDER = (Grade.ADVANCED, Grade.GOOD, Grade.FAIR, Grade.LAGGING)
_GRADE_INDEX = {grade.value: i for i, grade in enumerate(GRADE_ORDER)}

PERSON_PREFIX = "person/"
_FIELDS = ("peer_group", "rank_peer", "peer_size", "rank_county", "grade")
_PG_TYPES = ("text", "integer", "integer", "integer", "text")
_BATCH = 50_000


def grading_rules(grading: dict | None) -> dict:
    """A round's grading rules, checked and merged over the defaults."""
    grading = grading or {}
    validate_grading(grading)
    return {**DEFAULT_GRADING, **grading}


def peer_group_key(sector: str, level: str, *, person: bool) -> str:
    """The peer group's key: "village/branch" for an organisation, "person/village/branch" for a person."""
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
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
    ranks = [0] * len(scores)
    rank, last = 0, None
    for position, i in enumerate(order, start=1):
        if position == 1 or scores[i] != last:
            rank, last = position, scores[i]
        ranks[i] = rank
    return ranks


def _share_count(share: float, size: int, rounding) -> int:
    # Decimal of the written value: 0.1 × 30 is 3, not float's 3.0000000000000004 (ceil 4).
    return int(rounding(Decimal(str(share)) * size))


def _grade(composite: float, rank: int, size: int, top: int, bottom: int, flagged: bool, rules: dict) -> str:
    if composite < rules["fair_min"] or rank > size - bottom:
        grade = Grade.LAGGING.value
    elif composite >= rules["advanced_min"] and rank <= top:
        grade = Grade.ADVANCED.value
    elif composite >= rules["good_min"]:
        grade = Grade.GOOD.value
    else:
        grade = Grade.FAIR.value
    if flagged and _GRADE_INDEX[grade] < _GRADE_INDEX[rules["flag_caps_at"]]:
        grade = rules["flag_caps_at"]
    return grade


def grade_for(composite: float, *, rank: int, size: int, flagged: bool, rules: dict) -> str:
    """The grade of one ranked subject (see the module docstring)."""
    top = _share_count(rules["advanced_top_share"], size, math.ceil)
    bottom = _share_count(rules["lagging_bottom_share"], size, math.floor)
    return _grade(composite, rank, size, top, bottom, flagged, rules)


def _rankings(entries, rules: dict) -> list[tuple]:
    """(peer group, rank, peer size, county rank, grade, id) per entry.

    `entries` are (id, composite, insufficient, flagged, member id, sector, level) tuples,
    the id being anything unique (a SubjectResult's pk, or its subject's).
    """
    rows: list[tuple] = []
    peers: dict[str, list[tuple[int, float, bool]]] = defaultdict(list)
    kinds: dict[bool, list[tuple[int, float]]] = defaultdict(list)
    for key_id, score, insufficient, flag, member_id, sector, level in entries:
        person = member_id is not None
        key = peer_group_key(sector, level, person=person)
        if insufficient or score is None:
            rows.append((key, None, None, None, "", key_id))
            continue
        peers[key].append((key_id, score, flag))
        kinds[person].append((key_id, score))

    county_ranks: dict[int, int] = {}
    for members in kinds.values():
        ranks = competition_ranks([score for _id, score in members])
        county_ranks.update((key_id, rank) for (key_id, _score), rank in zip(members, ranks, strict=True))
    for key, members in peers.items():
        size = len(members)
        top = _share_count(rules["advanced_top_share"], size, math.ceil)
        bottom = _share_count(rules["lagging_bottom_share"], size, math.floor)
        ranks = competition_ranks([score for _id, score, _flag in members])
        rows.extend(
            (key, rank, size, county_ranks[key_id], _grade(score, rank, size, top, bottom, flag, rules), key_id)
            for (key_id, score, flag), rank in zip(members, ranks, strict=True)
        )
    return rows


def rank_and_grade(tally: TallyResult) -> None:
    """Fill peer group, ranks, peer size and grade of every stored SubjectResult of the tally.

    Part of a count (tally_round calls it inside its transaction and audit entry), so it
    records nothing itself; it also re-grades a stored count. One read of plain tuples
    with the subjects' organisations (model instances cost 9 of 15 s at 100,000
    subjects), the ranking in Python, then `_write`. A count that has its SubjectResult
    objects still in hand can use `rank_results` before inserting them instead, and
    write nothing twice (the tally ranks its rows with `rank_entries`).
    """
    rules = grading_rules(tally.round.grading)
    entries = (
        SubjectResult.objects.filter(tally=tally)
        .values_list("pk", "composite", "insufficient_sample", "dissatisfied_flag", "subject__member_id",
                     "subject__organization__sector", "subject__organization__level")
        .order_by("pk")
    )
    _write(sorted(_rankings(entries, rules), key=lambda row: row[-1]))


def rank_entries(entries, grading: dict | None) -> dict:
    """id → (peer group, rank in it, peer size, county rank, grade) for `entries` of
    (id, composite, insufficient sample, flagged, member id, sector, level), the id being
    anything unique: what a count computes before it inserts its results, ranked, once."""
    return {row[-1]: row[:-1] for row in _rankings(entries, grading_rules(grading))}


def rank_results(results: list[SubjectResult], *, round_: Round) -> None:
    """Fill the same fields on unsaved SubjectResult objects of `round_` (one per subject),
    so that a count inserts them ranked: at 100,000 subjects updating stored rows costs
    ~1 s on SQLite and ~4 s on PostgreSQL (four indexes per row), this costs nothing.
    """
    rules = grading_rules(round_.grading)
    subjects = {
        pk: (member_id, sector, level)
        for pk, member_id, sector, level in RoundSubject.objects.filter(round=round_).values_list(
            "pk", "member_id", "organization__sector", "organization__level"
        )
    }
    entries = (
        (r.subject_id, r.composite, r.insufficient_sample, r.dissatisfied_flag, *subjects[r.subject_id])
        for r in results
    )
    by_subject = {r.subject_id: r for r in results}
    for peer_group, rank_peer, peer_size, rank_county, grade, subject_id in _rankings(entries, rules):
        result = by_subject[subject_id]
        result.peer_group, result.rank_peer, result.peer_size = peer_group, rank_peer, peer_size
        result.rank_county, result.grade = rank_county, grade


def _write(rows: list[tuple]) -> None:
    """Store (peer group, rank, peer size, county rank, grade, pk) rows by primary key, not
    with `bulk_update`.

    bulk_update sends `SET f = CASE WHEN id = … THEN … END` for every field, which the
    database evaluates row by row against the whole batch: 100,000 subjects took 87 s on
    SQLite here. On PostgreSQL one UPDATE joins arrays of the values (unnest), a few
    statements in all; elsewhere executemany of a primary-key UPDATE (SQLite runs it
    in-process, no round trips).
    """
    quote = connection.ops.quote_name
    table = quote(SubjectResult._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            assignments = ", ".join(f"{quote(f)} = v.{quote(f)}" for f in _FIELDS)
            arrays = ", ".join(f"%s::{t}[]" for t in (*_PG_TYPES, "bigint"))
            columns = ", ".join(quote(f) for f in (*_FIELDS, "id"))
            sql = (f"UPDATE {table} AS r SET {assignments} FROM unnest({arrays}) AS v({columns})"  # nosec B608 # table and column names come from model _meta, quoted; every value is a bound parameter
                   " WHERE r.id = v.id")
            for start in range(0, len(rows), _BATCH):
                cursor.execute(sql, [list(column) for column in zip(*rows[start:start + _BATCH], strict=True)])
        else:
            assignments = ", ".join(f"{quote(f)} = %s" for f in _FIELDS)
            cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)  # nosec B608 # table and column names come from model _meta, quoted; every value is a bound parameter
