"""Casting a ballot: the hot path, and the checks the ballot page shares with it.

A cast first tries the lean path. The questions of the ballot's scheme come from a
per-process cache (only schemes that a round has opened with are cached: those can never
change again), the answers are checked in Python, and the write is one statement on
PostgreSQL (one round trip, prepared once per connection) or one short IMMEDIATE
transaction on SQLite, queued behind a file lock. Whatever the lean path cannot settle
(a scheme not cached yet, a wrong answer, a token it could not mark) goes the full way:
the token is looked up, and the refusal says exactly why, or the ballot is cast with the
token's own scheme. Either way the database decides "one token, one ballot": the token
turns from unused to used in a conditional UPDATE, and only the statement or transaction
whose UPDATE changed the row writes a ballot.
"""
from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError

from ..enums import SCORE_MAX, Channel, IndicatorSource, RoundState, Scale, TokenStatus
from ..models import BallotToken, Indicator, Round, Scheme
from .common import _new_ballot_id
from .tokens import token_hash

log = logging.getLogger(__name__)

_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

#: Codes of the refusals that concern the answers, not the token: the page asks again.
ANSWER_ERRORS = frozenset({"missing_answer", "out_of_scale"})


def _refuse(message: str, code: str):
    raise DomainError(message, code=code)


def _check_token_row(row, now) -> None:
    status, state, opens_at, closes_at = row
    if state == RoundState.DRAFT:
        _refuse(_("Voting in this round has not started yet."), "round_not_open")
    if state in (RoundState.CLOSED, RoundState.RELEASED):
        _refuse(_("This round is closed; no more ballots are taken."), "round_closed")
    if now < opens_at:
        _refuse(_("Voting opens at %(time)s.") % {"time": timezone.localtime(opens_at).strftime("%Y-%m-%d %H:%M")},
                "not_yet_open")
    if now >= closes_at:
        _refuse(_("Voting ended at %(time)s.") % {"time": timezone.localtime(closes_at).strftime("%Y-%m-%d %H:%M")},
                "window_ended")
    if status == TokenStatus.REVOKED:
        _refuse(_("This ballot code was replaced by a new one and can no longer be used."), "revoked_token")
    if status == TokenStatus.USED:
        _refuse(_("This ballot code has already been used."), "used_token")
    if status == TokenStatus.EXPIRED:
        _refuse(_("This round is closed; no more ballots are taken."), "round_closed")


def _well_formed(raw_token) -> bool:
    return isinstance(raw_token, str) and 16 <= len(raw_token) <= 64 and set(raw_token) <= _TOKEN_CHARS


def lookup_token(raw_token: str) -> dict:
    """What a token may vote on: round, subject, group and scheme ids. DomainError if it may not vote."""
    if not _well_formed(raw_token):
        _refuse(_("This ballot code is not valid. Check that it was copied completely."), "unknown_token")
    row = (
        BallotToken.objects.filter(key_hash=token_hash(raw_token))
        .values("id", "status", "round_id", "subject_id", "group_id", "round__state", "round__opens_at",
                "round__closes_at", "round__scheme_id")
        .first()
    )
    if row is None:
        _refuse(_("This ballot code is not valid. Check that it was copied completely."), "unknown_token")
    _check_token_row((row["status"], row["round__state"], row["round__opens_at"], row["round__closes_at"]),
                     timezone.now())
    return row


# --- The questions of a scheme, cached per process ------------------------------------


@dataclass(frozen=True, slots=True)
class _Question:
    id: int
    is_score: bool
    points: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Plan:
    """A scheme's indicators as the hot path checks answers against them."""

    scheme_id: int
    indicators: tuple[Indicator, ...]
    questions: tuple[_Question, ...]

    def checked(self, answers: Mapping) -> list[tuple[int, int, int]] | None:
        """(indicator id, option, points) per question, or None if anything is amiss."""
        if len(answers) != len(self.questions):
            return None
        rows = []
        for q in self.questions:
            value = answers.get(q.id)
            if type(value) is not int:
                return None
            if q.is_score:
                if not 0 <= value <= SCORE_MAX:
                    return None
                rows.append((q.id, value, value))
            else:
                if not 0 <= value < len(q.points):
                    return None
                rows.append((q.id, value, q.points[value]))
        return rows


_plans: dict[int, _Plan] = {}
_plans_by_indicator: dict[int, _Plan] = {}


def _scheme_plan(scheme_id: int) -> _Plan:
    """The scheme's plan; kept for the life of the process once a round using it has opened
    (update_scheme refuses from then on, so it cannot go stale). Only the indicators that
    ballots answer are in it: a record indicator's figure is read at the count, so every
    channel refuses an answer to it like one to a question that is not on the ballot."""
    plan = _plans.get(scheme_id)
    if plan is not None:
        return plan
    indicators = tuple(
        Indicator.objects.filter(scheme_id=scheme_id, source=IndicatorSource.BALLOT).order_by("order")
    )
    plan = _Plan(
        scheme_id=scheme_id,
        indicators=indicators,
        questions=tuple(_Question(i.pk, i.scale == Scale.SCORE100, i.option_points) for i in indicators),
    )
    if Round.objects.filter(scheme_id=scheme_id).exclude(state=RoundState.DRAFT).exists():
        _plans[scheme_id] = plan
        for indicator in indicators:
            _plans_by_indicator[indicator.pk] = plan
    return plan


def _forget_schemes(**kwargs) -> None:
    """A new or deleted scheme empties the cache: ids are never reused in production, but a
    test database rolled back between tests hands the same ids out again."""
    _plans.clear()
    _plans_by_indicator.clear()


post_save.connect(_forget_schemes, sender=Scheme, dispatch_uid="evaluation.ballots.forget_schemes.save")
post_delete.connect(_forget_schemes, sender=Scheme, dispatch_uid="evaluation.ballots.forget_schemes.delete")


def scheme_indicators(scheme_id: int) -> list[Indicator]:
    """The scheme's ballot indicators in order, the questions every channel asks (shared,
    cached objects: read them, never change them)."""
    return list(_scheme_plan(scheme_id).indicators)


# --- Checking answers ---------------------------------------------------------------------


def answer_problems(indicators: list[Indicator], answers: Mapping[int, int]) -> list[tuple[int | None, str, str]]:
    """Every problem with the answers, in question order: (indicator id or None, code, message)."""
    problems: list[tuple[int | None, str, str]] = []
    known = {i.pk for i in indicators}
    if set(answers) - known:
        problems.append((None, "out_of_scale", _("The ballot answers a question that is not on it.")))
    # Questions are numbered as the ballot shows them: a record indicator between two
    # questions of the scheme is not on it.
    for number, ind in enumerate(indicators, start=1):
        value = answers.get(ind.pk)
        if value is None:
            problems.append((ind.pk, "missing_answer", _("Please answer question %(n)d: %(question)s") % {
                "n": number, "question": ind.question}))
            continue
        whole = isinstance(value, int) and not isinstance(value, bool)
        if ind.scale == Scale.SCORE100:
            ok = whole and 0 <= value <= SCORE_MAX
        else:
            ok = whole and 0 <= value < len(ind.option_points)
        if not ok:
            problems.append((ind.pk, "out_of_scale",
                             _("The answer to question %(n)d is not one of its options.") % {"n": number}))
    return problems


def check_answers(indicators: list[Indicator], answers: Mapping[int, int]) -> list[tuple[int, int, int]]:
    """(indicator id, option, points) per indicator, or a DomainError naming the first bad answer."""
    problems = answer_problems(indicators, answers)
    if problems:
        _indicator, code, message = problems[0]
        _refuse(message, code)
    return [
        (ind.pk, answers[ind.pk], answers[ind.pk] if ind.scale == Scale.SCORE100 else ind.option_points[answers[ind.pk]])
        for ind in indicators
    ]


# --- Casting ------------------------------------------------------------------------------


def cast_ballot(raw_token: str, answers: Mapping[int, int]) -> None:
    """Record one ballot for a token, or nothing at all (DomainError saying why).

    `answers` maps indicator id → option index (or the 0–100 score). The ballot row carries
    no token, voter, address or time.
    """
    if try_cast(raw_token, answers):
        return
    row = lookup_token(raw_token)
    plan = _scheme_plan(row["round__scheme_id"])
    checked = check_answers(list(plan.indicators), answers)
    if _write(plan, token_hash(raw_token), checked):
        return
    # The token changed between the look-up and the write: a racer used it, or the round closed.
    lookup_token(raw_token)
    _refuse(_("This ballot code has already been used."), "used_token")


def try_cast(raw_token: str, answers: Mapping[int, int]) -> bool:
    """The lean path: True if the ballot was cast; False (nothing written) if it needs the full path."""
    if not _well_formed(raw_token) or not answers:
        return False
    plan = _plans_by_indicator.get(next(iter(answers)))
    if plan is None:
        return False
    checked = plan.checked(answers)
    if checked is None:
        return False
    return _write(plan, token_hash(raw_token), checked)


def _write(plan: _Plan, key_hash: str, checked: list[tuple[int, int, int]]) -> bool:
    """Mark the token used and insert the ballot with its answers, or nothing if the token is
    not unused, its round not open (or outside its window), or its scheme not `plan`'s."""
    now = timezone.now()
    if connection.vendor == "postgresql":
        return _write_postgresql(plan, key_hash, checked, now)
    return _write_sqlite(plan, key_hash, checked, now)


# PostgreSQL: one statement. The round is share-locked first (close_round takes it FOR
# UPDATE, so a close waits for ballots in flight and a ballot behind a close finds the
# round closed on the re-check); the token's own status test sits on the updated row,
# which PostgreSQL re-checks on the row's newest version when it had to wait for it. Only
# if the UPDATE returns the token's row do the ballot and answer inserts get a row.
_PG_CAST = f"""
WITH r AS (
    SELECT id FROM evaluation_round
    WHERE id = (SELECT round_id FROM evaluation_ballottoken WHERE key_hash = %s)
      AND state = '{RoundState.OPEN.value}' AND opens_at <= %s AND closes_at > %s AND scheme_id = %s
    FOR SHARE
), t AS (
    UPDATE evaluation_ballottoken SET status = '{TokenStatus.USED.value}'
    WHERE key_hash = %s AND status = '{TokenStatus.UNUSED.value}' AND round_id = (SELECT id FROM r)
    RETURNING round_id, subject_id, group_id
), b AS (
    INSERT INTO evaluation_ballot (id, round_id, subject_id, group_id, channel)
    SELECT %s::bigint, round_id, subject_id, group_id, '{Channel.TOKEN.value}' FROM t
)
INSERT INTO evaluation_answer (ballot_id, indicator_id, round_id, subject_id, group_id, option, points)
SELECT %s::bigint, a.indicator_id, t.round_id, t.subject_id, t.group_id, a.option, a.points
FROM t, unnest(%s::bigint[], %s::smallint[], %s::smallint[]) AS a(indicator_id, option, points)
"""  # nosec B608 # only enum constants are formatted in; every value is a bound parameter


def _write_postgresql(plan: _Plan, key_hash: str, checked, now) -> bool:
    from django.db.backends.postgresql.base import ServerBindingCursor

    ballot_id = _new_ballot_id()
    ids, options, points = (list(column) for column in zip(*checked, strict=True))
    params = [key_hash, now, now, plan.scheme_id, key_hash, ballot_id, ballot_id, ids, options, points]
    connection.ensure_connection()
    with connection.wrap_database_errors, ServerBindingCursor(connection.connection) as cursor:
        # Server-side binding, prepared on first use per connection: parsed and planned once.
        cursor.execute(_PG_CAST, params, prepare=True)
        return cursor.rowcount == len(checked)


_SQLITE_MARK = f"""
UPDATE evaluation_ballottoken SET status = '{TokenStatus.USED.value}'
WHERE key_hash = %s AND status = '{TokenStatus.UNUSED.value}' AND EXISTS (
    SELECT 1 FROM evaluation_round r WHERE r.id = evaluation_ballottoken.round_id
    AND r.state = '{RoundState.OPEN.value}' AND r.opens_at <= %s AND r.closes_at > %s AND r.scheme_id = %s)
RETURNING round_id, subject_id, group_id
"""  # nosec B608 # only enum constants are formatted in; every value is a bound parameter
_SQLITE_BALLOT = (
    "INSERT INTO evaluation_ballot (id, round_id, subject_id, group_id, channel)"  # nosec B608 # only enum constants are formatted in; every value is a bound parameter
    f" VALUES (%s, %s, %s, %s, '{Channel.TOKEN.value}')"
)
_SQLITE_ANSWERS = (
    "INSERT INTO evaluation_answer (ballot_id, indicator_id, round_id, subject_id, group_id, option, points) VALUES "
)


def _write_sqlite(plan: _Plan, key_hash: str, checked, now) -> bool:
    at = connection.ops.adapt_datetimefield_value(now)
    with _queued_writer():
        with transaction.atomic(), connection.cursor() as cursor:
            _no_autocheckpoint(cursor)
            cursor.execute(_SQLITE_MARK, [key_hash, at, at, plan.scheme_id])
            row = cursor.fetchone()
            if row is None:
                return False
            round_id, subject_id, group_id = row
            ballot_id = _new_ballot_id()
            cursor.execute(_SQLITE_BALLOT, [ballot_id, round_id, subject_id, group_id])
            values = []
            for indicator_id, option, points in checked:
                values += [ballot_id, indicator_id, round_id, subject_id, group_id, option, points]
            cursor.execute(_SQLITE_ANSWERS + ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(checked)), values)
    _checkpoint_now_and_then()
    return True


# --- SQLite writers queue on a file lock ---------------------------------------------------
#
# Several processes writing one SQLite file otherwise meet at its write lock, and a loser
# sleeps in the busy handler's back-off (up to 100 ms a nap): p99 of 200–1,500 ms here. A
# kernel lock (flock) held around the write transaction lets them queue instead, each woken
# the moment the one before it is done. The WAL checkpoint, which SQLite would otherwise
# run inside some writer's COMMIT (so inside the lock), runs after the lock is released.

_queue_lock = threading.Lock()
_lock_file: dict[str, int] = {}  # "pid:path" → descriptor, so a forked worker opens its own
_writes = 0
_CHECKPOINT_EVERY = 200
_tuned_connection: list[int] = [0]


def _lock_path() -> str | None:
    if connection.is_in_memory_db():
        return None
    return f"{connection.settings_dict['NAME']}.ballot-lock"


@contextmanager
def _queued_writer() -> Iterator[None]:
    path = _lock_path()
    if path is None or connection.in_atomic_block:
        # Inside a caller's transaction the write lock may be held already: queueing for the
        # file lock then could wait on a process that waits on us.
        yield
        return
    key = f"{os.getpid()}:{path}"
    fd = _lock_file.get(key)
    if fd is None:
        fd = _lock_file[key] = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    with _queue_lock:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _no_autocheckpoint(cursor) -> None:
    """SQLite would checkpoint inside the COMMIT of whichever writer fills the WAL past 1,000
    pages, holding up the queue behind it; `_checkpoint_now_and_then` does it outside."""
    raw = id(connection.connection)
    if _tuned_connection[0] != raw and not connection.is_in_memory_db():
        cursor.execute("PRAGMA wal_autocheckpoint = 0")
        _tuned_connection[0] = raw


def _checkpoint_now_and_then() -> None:
    global _writes
    _writes += 1
    if _writes % _CHECKPOINT_EVERY or connection.in_atomic_block:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except OperationalError:
        log.warning("WAL checkpoint skipped: the database is busy")
