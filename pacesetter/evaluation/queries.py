"""Reads of the evaluation mechanism, scoped by the one visibility decision of orgs.queries."""
from __future__ import annotations

import hashlib

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from pacesetter.orgs.queries import organizations_visible_to, user_roles

from . import rules as ev_rules
from .models import Round, RoundSubject, Scheme


def subjects_visible_to(user) -> QuerySet[RoundSubject]:
    """Round subjects whose organisation the user sees."""
    return RoundSubject.objects.filter(organization__in=organizations_visible_to(user))


def rounds_visible_to(user) -> QuerySet[Round]:
    """Rounds with at least one subject the user sees (their results are another matter:
    hidden until released); for the county admin, who sets rounds up, every round, including
    a new one with no subjects yet."""
    if ev_rules.can_manage_rounds(user):
        return Round.objects.all()
    return Round.objects.filter(Exists(subjects_visible_to(user).filter(round=OuterRef("pk"))))


def schemes_visible_to(user) -> QuerySet[Scheme]:
    """Schemes are county-wide rules, not organisation data: anyone with a role reads them all."""
    if not getattr(user, "is_active", False):
        return Scheme.objects.none()
    if getattr(user, "is_superuser", False) or user_roles(user):
        return Scheme.objects.all()
    return Scheme.objects.none()


def ballot_fingerprint(round_: Round) -> str:
    """SHA-256 of the round's ballot set, independent of ballot ids and row order.

    Each ballot is written as `subject|group|channel|indicator:option:points,…` (answers in
    indicator order), the lines sorted, joined with newlines and hashed. The close rewrite
    keeps it unchanged; publishing it with the results lets a recount show that the set of
    ballots did not change since.
    """
    lines: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT b.id, b.subject_id, b.group_id, b.channel, a.indicator_id, a.option, a.points"
            " FROM evaluation_ballot b JOIN evaluation_answer a ON a.ballot_id = b.id"
            " WHERE b.round_id = %s ORDER BY b.id, a.indicator_id",
            [round_.pk],
        )
        current, head, parts = None, "", []
        for ballot_id, subject_id, group_id, channel, indicator_id, option, points in cursor:
            if ballot_id != current:
                if current is not None:
                    lines.append(head + ",".join(parts))
                current, head, parts = ballot_id, f"{subject_id}|{group_id}|{channel}|", []
            parts.append(f"{indicator_id}:{option}:{points}")
        if current is not None:
            lines.append(head + ",".join(parts))
    lines.sort()
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def database_fingerprint(round_: Round) -> str:
    """`ballot_fingerprint`, computed inside PostgreSQL: the same lines (answers in
    indicator order, lines in byte order), joined and hashed there, so ten million answers
    never reach Python. Each ballot's answers come through the primary key (a lateral
    subquery), so the cost follows the round, not the table: a plain join merged the whole
    answer table, 2.1 s for a county round among a province's answers against 0.4 s.
    Elsewhere the reference implementation itself; tests hold the two equal."""
    if connection.vendor != "postgresql":
        return ballot_fingerprint(round_)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT encode(sha256(convert_to(COALESCE(string_agg(line, chr(10) ORDER BY line COLLATE \"C\"), ''),"
            " 'UTF8')), 'hex') FROM (SELECT concat(b.subject_id, '|', b.group_id, '|', b.channel, '|', a.answers)"
            " AS line FROM evaluation_ballot b CROSS JOIN LATERAL (SELECT string_agg(concat(indicator_id, ':', option,"
            " ':', points), ',' ORDER BY indicator_id) AS answers FROM evaluation_answer WHERE ballot_id = b.id) AS a"
            " WHERE b.round_id = %s AND a.answers IS NOT NULL) AS lines",
            [round_.pk],
        )
        return cursor.fetchone()[0]
