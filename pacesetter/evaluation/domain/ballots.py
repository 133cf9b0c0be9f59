"""Casting a ballot: the hot path, and the checks the ballot page shares with it."""
from __future__ import annotations

from collections.abc import Mapping

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError

from ..enums import SCORE_MAX, RoundState, Scale, TokenStatus
from ..models import Answer, Ballot, BallotToken, Indicator
from .common import _new_ballot_id
from .tokens import token_hash


_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


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


def lookup_token(raw_token: str) -> dict:
    """What a token may vote on: round, subject, group and scheme ids. DomainError if it may not vote."""
    if not isinstance(raw_token, str) or not 16 <= len(raw_token) <= 64 or not set(raw_token) <= _TOKEN_CHARS:
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


def scheme_indicators(scheme_id: int) -> list[Indicator]:
    return list(Indicator.objects.filter(scheme_id=scheme_id).order_by("order"))


def check_answers(indicators: list[Indicator], answers: Mapping[int, int]) -> list[tuple[int, int, int]]:
    """(indicator id, option, points) per indicator, or a DomainError naming the first bad answer."""
    known = {i.pk for i in indicators}
    if set(answers) - known:
        _refuse(_("The ballot answers a question that is not on it."), "out_of_scale")
    checked = []
    for ind in indicators:
        value = answers.get(ind.pk)
        if value is None:
            _refuse(_("Please answer question %(n)d: %(question)s") % {"n": ind.order, "question": ind.question},
                    "missing_answer")
        whole = isinstance(value, int) and not isinstance(value, bool)
        if ind.scale == Scale.SCORE100:
            ok, points = whole and 0 <= value <= SCORE_MAX, value
        else:
            ok = whole and 0 <= value < len(ind.option_points)
            points = ind.option_points[value] if ok else 0
        if not ok:
            _refuse(_("The answer to question %(n)d is not one of its options.") % {"n": ind.order}, "out_of_scale")
        checked.append((ind.pk, value, points))
    return checked


def cast_ballot(raw_token: str, answers: Mapping[int, int]) -> None:
    """Record one ballot for a token, or nothing at all.

    `answers` maps indicator id → option index (or the 0–100 score). The database decides
    "one token, one ballot": the token turns from unused to used in a conditional UPDATE,
    and only the transaction whose UPDATE changed the row inserts a ballot. The ballot row
    carries no token, voter, address or time.
    """
    with transaction.atomic():
        row = lookup_token(raw_token)
        if connection.vendor == "postgresql":
            # Share-lock the round so close_round (FOR UPDATE) waits for ballots in flight,
            # and a ballot arriving during the close sees the round closed.
            with connection.cursor() as cursor:
                cursor.execute("SELECT state FROM evaluation_round WHERE id = %s FOR SHARE", [row["round_id"]])
                state = cursor.fetchone()[0]
            if state != RoundState.OPEN:
                _refuse(_("This round is closed; no more ballots are taken."), "round_closed")
        checked = check_answers(scheme_indicators(row["round__scheme_id"]), answers)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        # The status test must sit on the updated row itself: PostgreSQL re-checks a waiting
        # UPDATE's own conditions on the row's new version, but not those inside a subquery
        # (Django's `.filter(round__state=…).update()` puts them all in one, and then both
        # racers "succeed"; tests/evaluation/test_concurrency.py caught exactly that).
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE evaluation_ballottoken SET status = %s WHERE id = %s AND status = %s AND EXISTS ("
                " SELECT 1 FROM evaluation_round r WHERE r.id = evaluation_ballottoken.round_id"
                " AND r.state = %s AND r.opens_at <= %s AND r.closes_at > %s)",
                [TokenStatus.USED, row["id"], TokenStatus.UNUSED, RoundState.OPEN, now, now],
            )
            marked = cursor.rowcount
        if marked != 1:
            _refuse(_("This ballot code has already been used."), "used_token")
        ballot_id = _new_ballot_id()
        Ballot.objects.bulk_create(
            [Ballot(id=ballot_id, round_id=row["round_id"], subject_id=row["subject_id"], group_id=row["group_id"])]
        )
        Answer.objects.bulk_create(
            Answer(ballot_id=ballot_id, indicator_id=indicator_id, round_id=row["round_id"],
                   subject_id=row["subject_id"], group_id=row["group_id"], option=option, points=points)
            for indicator_id, option, points in checked
        )
