"""Writes of the evaluation mechanism: schemes, rounds, tokens and ballots.

Each function is one transaction with its audit entry (ballots excepted: an audit entry per
ballot would be a time-stamped, ordered record of voting, the very link secrecy forbids).
`by=None` is the system itself (commands, seeding). Setup belongs to the county admin.
"""
from __future__ import annotations

import logging
import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.orgs.models import Organization

from . import rules as ev_rules
from .enums import SCORE_MAX, GroupKind, RoundKind, RoundState, Scale, SchemeStatus, TokenStatus
from .models import (
    Answer,
    Ballot,
    BallotToken,
    Indicator,
    Participation,
    Round,
    RoundGroup,
    RoundSubject,
    Scheme,
    VoterGroup,
)
from .validators import validate_points, weight_problem

log = logging.getLogger(__name__)

SCHEME_FIELDS = ("name", "sector", "status")
ROUND_FIELDS = (
    "name", "kind", "scheme", "state", "opens_at", "closes_at", "allow_open_channel", "min_n",
    "dissatisfied_flag_share",
)
#: Tokens per call; a meeting or an SMS batch, not a province in one go.
MAX_TOKENS = 10_000
_TOKEN_SALT = "pacesetter.evaluation.ballot-token"
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_BATCH = 5_000


def _require(allowed: bool, by) -> None:
    if by is not None and not allowed:
        raise PermissionDeniedError(_("Only the county admin may set up evaluations."), code="forbidden")


# --- Schemes ------------------------------------------------------------------


def _scheme_lock_reason(scheme: Scheme) -> str | None:
    used = Round.objects.filter(scheme=scheme).exclude(state=RoundState.DRAFT).order_by("id").first()
    if used is None:
        return None
    return _("The scheme is used by the round “%(round)s”, which has opened; it can no longer change.") % {
        "round": used.name
    }


def _check_parts(indicators: list[dict], groups: list[dict]) -> None:
    for i, ind in enumerate(indicators, start=1):
        if not str(ind.get("question", "")).strip():
            raise DomainError(_("Indicator %(n)d has no question.") % {"n": i}, code="indicator")
        if ind.get("scale") not in Scale.values:
            raise DomainError(_("Indicator %(n)d has an unknown scale.") % {"n": i}, code="indicator")
        try:
            validate_points(ind["scale"], ind.get("points") or [])
        except ValidationError as exc:
            raise DomainError(
                _("Indicator %(n)d: %(problem)s") % {"n": i, "problem": " ".join(exc.messages)}, code="points"
            ) from exc
        if not isinstance(ind.get("weight"), int) or not 1 <= ind["weight"] <= 100:
            raise DomainError(_("Indicator %(n)d needs a weight from 1 to 100.") % {"n": i}, code="weight")
    kinds = [g.get("kind") for g in groups]
    for kind in kinds:
        if kind not in GroupKind.values:
            raise DomainError(_("Unknown voter group “%(kind)s”.") % {"kind": kind}, code="group")
    if len(set(kinds)) != len(kinds):
        raise DomainError(_("Each voter group may appear only once in a scheme."), code="group")
    for g in groups:
        if not isinstance(g.get("weight"), int) or not 1 <= g["weight"] <= 100:
            raise DomainError(
                _("The voter group “%(group)s” needs a weight from 1 to 100.") % {"group": GroupKind(g["kind"]).label},
                code="weight",
            )
    for problem in (
        weight_problem((i["weight"] for i in indicators), _("indicators")),
        weight_problem((g["weight"] for g in groups), _("voter groups")),
    ):
        if problem:
            raise DomainError(problem, code="weights")


def _scheme_snapshot(scheme: Scheme) -> dict:
    data = audit.snapshot(scheme, SCHEME_FIELDS)
    data["indicators"] = [
        {"question": i.question, "scale": i.scale, "points": i.points, "weight": i.weight}
        for i in scheme.indicators.order_by("order")
    ]
    data["groups"] = [{"kind": g.kind, "weight": g.weight} for g in scheme.groups.order_by("id")]
    return data


def _write_indicators(scheme: Scheme, indicators: list[dict]) -> None:
    Indicator.objects.bulk_create(
        Indicator(
            scheme=scheme, order=n, question=str(i["question"]).strip(), scale=i["scale"],
            points=list(i.get("points") or []), weight=i["weight"],
        )
        for n, i in enumerate(indicators, start=1)
    )


def create_scheme(*, name: str, sector: str = "", indicators: list[dict], groups: list[dict], by) -> Scheme:
    """A scheme with its indicators ({question, scale, weight, points?}) and voter groups ({kind, weight})."""
    _require(ev_rules.can_manage_schemes(by), by)
    _check_parts(indicators, groups)
    with transaction.atomic():
        scheme = Scheme(name=name, sector=sector)
        scheme.full_clean()
        scheme.save()
        _write_indicators(scheme, indicators)
        VoterGroup.objects.bulk_create(VoterGroup(scheme=scheme, kind=g["kind"], weight=g["weight"]) for g in groups)
        audit.record("evaluation.scheme.create", by=by, obj=scheme, after=_scheme_snapshot(scheme))
    return scheme


def update_scheme(
    scheme: Scheme, *, by, name: str | None = None, sector: str | None = None,
    indicators: list[dict] | None = None, groups: list[dict] | None = None,
) -> Scheme:
    """Change a scheme no opened round uses. Indicators given are replaced as a whole;
    voter groups are matched by kind, so draft rounds keep the groups they chose."""
    _require(ev_rules.can_manage_schemes(by), by)
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        if reason := _scheme_lock_reason(scheme):
            raise DomainError(reason, code="scheme_locked")
        before = _scheme_snapshot(scheme)
        new_indicators = indicators if indicators is not None else before["indicators"]
        new_groups = groups if groups is not None else before["groups"]
        _check_parts(new_indicators, new_groups)
        if name is not None:
            scheme.name = name
        if sector is not None:
            scheme.sector = sector
        scheme.full_clean()
        scheme.save(update_fields=["name", "sector"])
        if indicators is not None:
            scheme.indicators.all().delete()
            _write_indicators(scheme, indicators)
        if groups is not None:
            _replace_groups(scheme, groups)
        after = _scheme_snapshot(scheme)
        if after != before:
            audit.record("evaluation.scheme.update", by=by, obj=scheme, before=before, after=after)
    return scheme


def _replace_groups(scheme: Scheme, groups: list[dict]) -> None:
    existing = {g.kind: g for g in scheme.groups.all()}
    wanted = {g["kind"]: g["weight"] for g in groups}
    for kind, group in existing.items():
        if kind in wanted:
            if group.weight != wanted[kind]:
                group.weight = wanted[kind]
                group.save(update_fields=["weight"])
            continue
        user = RoundGroup.objects.filter(voter_group=group).select_related("round").first()
        if user is not None:
            raise DomainError(
                _("The voter group “%(group)s” takes part in the round “%(round)s”; remove it there first.")
                % {"group": group.get_kind_display(), "round": user.round.name},
                code="group_in_use",
            )
        group.delete()
    VoterGroup.objects.bulk_create(
        VoterGroup(scheme=scheme, kind=kind, weight=weight) for kind, weight in wanted.items() if kind not in existing
    )


def activate_scheme(scheme: Scheme, *, by) -> Scheme:
    """A draft scheme becomes usable by rounds."""
    _require(ev_rules.can_manage_schemes(by), by)
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        if scheme.status != SchemeStatus.DRAFT:
            raise DomainError(_("The scheme is already active."), code="scheme_active")
        scheme.status = SchemeStatus.ACTIVE
        scheme.save(update_fields=["status"])
        audit.record("evaluation.scheme.activate", by=by, obj=scheme, after={"status": scheme.status})
    return scheme


# --- Rounds -------------------------------------------------------------------


def _locked_round(round_: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round_.pk)


_STATE_ERRORS = {
    RoundState.DRAFT: lambda: _("The round has not opened yet."),
    RoundState.OPEN: lambda: _("The round is open."),
    RoundState.CLOSED: lambda: _("The round is closed."),
    RoundState.RELEASED: lambda: _("The round's results have been released."),
}


def _require_state(round_: Round, allowed: Iterable[str], action: str) -> None:
    if round_.state not in allowed:
        raise DomainError(
            _("%(action)s is not possible: %(why)s") % {"action": action, "why": _STATE_ERRORS[round_.state]()},
            code="round_state",
        )


def create_round(
    *, scheme: Scheme, kind: str, name: str, opens_at, closes_at, by, allow_open_channel: bool = False,
    min_n: int = 5, dissatisfied_flag_share="0.333",
) -> Round:
    _require(ev_rules.can_manage_rounds(by), by)
    if kind not in RoundKind.values:
        raise DomainError(_("Unknown kind of round."), code="kind")
    if closes_at <= opens_at:
        raise DomainError(_("A round must close after it opens."), code="window")
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        if scheme.status != SchemeStatus.ACTIVE:
            raise DomainError(_("The scheme “%(scheme)s” is still a draft.") % {"scheme": scheme.name}, code="scheme")
        round_ = Round(
            scheme=scheme, kind=kind, name=name, opens_at=opens_at, closes_at=closes_at,
            allow_open_channel=allow_open_channel, min_n=min_n, dissatisfied_flag_share=dissatisfied_flag_share,
        )
        round_.full_clean()
        round_.save()
        audit.record("evaluation.round.create", by=by, obj=round_, after=audit.snapshot(round_, ROUND_FIELDS))
    return round_


def add_subjects(round_: Round, *, organizations: Iterable[Organization], by) -> list[RoundSubject]:
    _require(ev_rules.can_manage_rounds(by), by)
    orgs = list(organizations)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.DRAFT], _("Adding subjects"))
        present = set(RoundSubject.objects.filter(round=round_).values_list("organization_id", flat=True))
        new = [RoundSubject(round=round_, organization=o) for o in orgs if o.pk not in present]
        RoundSubject.objects.bulk_create(new)
        created = list(
            RoundSubject.objects.filter(round=round_, organization__in=[o.pk for o in orgs]).select_related("organization")
        )
        audit.record(
            "evaluation.round.add_subjects", by=by, obj=round_,
            after={"organizations": sorted(s.organization.code for s in created)},
        )
    return created


def add_group(round_: Round, *, voter_group: VoterGroup, expected: int, by) -> RoundGroup:
    _require(ev_rules.can_manage_rounds(by), by)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.DRAFT], _("Adding voter groups"))
        if voter_group.scheme_id != round_.scheme_id:
            raise DomainError(_("That voter group belongs to another scheme."), code="group")
        if expected < 0:
            raise DomainError(_("The expected number of ballots cannot be negative."), code="expected")
        group, _created = RoundGroup.objects.update_or_create(
            round=round_, voter_group=voter_group, defaults={"expected": expected}
        )
        audit.record(
            "evaluation.round.add_group", by=by, obj=round_, after={"group": voter_group.kind, "expected": expected}
        )
    return group


def open_round(round_: Round, *, by) -> Round:
    """Draft → open. From here on the scheme, subjects and groups are locked."""
    _require(ev_rules.can_manage_rounds(by), by)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.DRAFT], _("Opening the round"))
        if not RoundSubject.objects.filter(round=round_).exists():
            raise DomainError(_("The round has no subjects."), code="no_subjects")
        if not RoundGroup.objects.filter(round=round_).exists():
            raise DomainError(_("The round has no voter groups."), code="no_groups")
        if round_.closes_at <= timezone.now():
            raise DomainError(_("The round's window has already ended."), code="window")
        return _set_state(round_, RoundState.OPEN, by)


def close_round(round_: Round, *, by) -> Round:
    """Open → closed. Ballots are rewritten in random order under fresh random ids and the
    tokens reduced to counts, so nothing in the live database links a token to a ballot."""
    _require(ev_rules.can_manage_rounds(by), by)
    if connection.vendor == "sqlite":
        # Freed pages are zeroed, so deleted ballots do not linger in the file.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.OPEN], _("Closing the round"))
        _reduce_tokens(round_)
        moved = _rewrite_ballots(round_)
        round_ = _set_state(round_, RoundState.CLOSED, by, extra={"ballots": moved})
        if connection.vendor == "sqlite":
            transaction.on_commit(_checkpoint_sqlite)
    return round_


def release_results(round_: Round, *, by) -> Round:
    _require(ev_rules.can_manage_rounds(by), by)
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.CLOSED], _("Releasing the results"))
        return _set_state(round_, RoundState.RELEASED, by)


def _set_state(round_: Round, state: str, by, extra: dict | None = None) -> Round:
    before = round_.state
    round_.state = state
    round_.save(update_fields=["state"])
    audit.record(
        f"evaluation.round.{state}", by=by, obj=round_, before={"state": before}, after={"state": state, **(extra or {})}
    )
    return round_


def _reduce_tokens(round_: Round) -> None:
    """Counts per subject and group replace the used/unused distinction of each token."""
    counts: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    rows = BallotToken.objects.filter(round=round_).values_list("subject_id", "group_id", "status")
    for subject_id, group_id, status, n in rows.annotate(n=Count("id")).order_by():
        counts[(subject_id, group_id)][status] = n
    Participation.objects.bulk_create(
        Participation(
            round=round_, subject_id=subject_id, group_id=group_id,
            issued=sum(c.values()), used=c.get(TokenStatus.USED, 0), revoked=c.get(TokenStatus.REVOKED, 0),
        )
        for (subject_id, group_id), c in sorted(counts.items())
    )
    BallotToken.objects.filter(round=round_).update(status=TokenStatus.EXPIRED)


def _rewrite_ballots(round_: Round) -> int:
    """Copy the round's ballots and answers under fresh random ids, in the order of those ids
    (a random permutation, unrelated to the order of casting), then delete the originals.

    The copying runs inside the database (a county round is ~300,000 ballots, 3 million
    answers: ~27 s on SQLite here, where building ORM objects took minutes and gigabytes);
    Python only draws the ids. Inserting in id order also keeps the primary key's index
    appends sequential.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM evaluation_ballot WHERE round_id = %s", [round_.pk])
        old_ids = [row[0] for row in cursor.fetchall()]
        if not old_ids:
            return 0
        taken = set(old_ids)
        new_ids = []
        for _old in old_ids:
            new_id = _new_ballot_id()
            while new_id in taken:
                new_id = _new_ballot_id()
            taken.add(new_id)
            new_ids.append(new_id)
        cursor.execute(
            "CREATE TEMPORARY TABLE evaluation_ballot_remap (old_id bigint PRIMARY KEY, new_id bigint NOT NULL)"
        )
        _fill_remap(cursor, old_ids, new_ids)
        cursor.execute(
            "INSERT INTO evaluation_ballot (id, round_id, subject_id, group_id, channel)"
            " SELECT m.new_id, b.round_id, b.subject_id, b.group_id, b.channel"
            " FROM evaluation_ballot_remap m JOIN evaluation_ballot b ON b.id = m.old_id ORDER BY m.new_id"
        )
        cursor.execute(
            "INSERT INTO evaluation_answer (ballot_id, indicator_id, round_id, subject_id, group_id, option, points)"
            " SELECT m.new_id, a.indicator_id, a.round_id, a.subject_id, a.group_id, a.option, a.points"
            " FROM evaluation_ballot_remap m JOIN evaluation_answer a ON a.ballot_id = m.old_id"
            " ORDER BY m.new_id, a.indicator_id"
        )
        cursor.execute(
            "DELETE FROM evaluation_answer WHERE ballot_id IN (SELECT old_id FROM evaluation_ballot_remap)"
        )
        cursor.execute("DELETE FROM evaluation_ballot WHERE id IN (SELECT old_id FROM evaluation_ballot_remap)")
        cursor.execute("DROP TABLE evaluation_ballot_remap")
    return len(old_ids)


def _fill_remap(cursor, old_ids: list[int], new_ids: list[int]) -> None:
    if connection.vendor == "postgresql":
        for start in range(0, len(old_ids), 100_000):
            cursor.execute(
                "INSERT INTO evaluation_ballot_remap SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
                [old_ids[start:start + 100_000], new_ids[start:start + 100_000]],
            )
    else:
        cursor.executemany(
            "INSERT INTO evaluation_ballot_remap (old_id, new_id) VALUES (%s, %s)", list(zip(old_ids, new_ids, strict=True))
        )


def _checkpoint_sqlite() -> None:
    """Copy the WAL into the database file and empty it, so old pages leave the WAL too."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# --- Tokens -------------------------------------------------------------------


def token_hash(raw: str) -> str:
    """The keyed hash stored for a token: HMAC-SHA256 under a key derived from SECRET_KEY."""
    return salted_hmac(_TOKEN_SALT, raw, algorithm="sha256").hexdigest()


def make_tokens(round_: Round, *, subject: RoundSubject, group: RoundGroup, count: int, by) -> list[str]:
    """`count` fresh tokens for a subject and voter group; the unused ones made before are revoked.

    The raw tokens are returned once and never stored (≥144 random bits each).
    """
    _require(ev_rules.can_manage_rounds(by), by)
    if not 1 <= count <= MAX_TOKENS:
        raise DomainError(_("Make between 1 and %(max)d tokens at a time.") % {"max": MAX_TOKENS}, code="count")
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.DRAFT, RoundState.OPEN], _("Making tokens"))
        if subject.round_id != round_.pk or group.round_id != round_.pk:
            raise DomainError(_("That subject or voter group is not part of this round."), code="not_in_round")
        revoked = BallotToken.objects.filter(subject=subject, group=group, status=TokenStatus.UNUSED).update(
            status=TokenStatus.REVOKED
        )
        raw_tokens = [secrets.token_urlsafe(18) for _n in range(count)]
        BallotToken.objects.bulk_create(
            (BallotToken(round=round_, subject=subject, group=group, key_hash=token_hash(raw)) for raw in raw_tokens),
            batch_size=_BATCH,
        )
        audit.record(
            "evaluation.tokens.make", by=by, obj=round_,
            after={"subject": subject.organization.code, "group": group.voter_group.kind, "count": count,
                   "revoked": revoked},
        )
    return raw_tokens


# --- Ballots ------------------------------------------------------------------


def _new_ballot_id() -> int:
    return secrets.randbits(63) or 1


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
