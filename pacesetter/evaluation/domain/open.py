"""Open surveys: ballots from the public through a subject's QR poster, with no token.

Without a token nothing says who may vote, so "one token, one ballot" becomes a limit per
device (a random cookie the page sets) and per address (generous: several people behind
one NAT share it) for each subject. `OpenLimit` counts them under an HMAC of the device id
or the address, never the value itself, and the database decides: one
`INSERT … ON CONFLICT DO UPDATE … WHERE count < limit` per key, in the ballot's
transaction, so two requests at the limit cannot both pass. The ballot is like any other:
random id, channel "open", nothing about the address, the device or the time. The limit
rows go when the round closes.

These ballots are less trusted (whoever has many devices and addresses can cast many):
the tally counts them apart from token and paper ballots.
"""
from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError

from ..enums import Channel, GroupKind, RoundState
from ..models import Answer, Ballot, OpenLimit, RoundGroup, RoundSubject
from .ballots import check_answers, scheme_indicators
from .common import _new_ballot_id

#: Open ballots per device and per address for one subject, unless settings say otherwise
#: (OPEN_SURVEY_PER_DEVICE, OPEN_SURVEY_PER_IP; 0 switches that limit off).
DEFAULT_PER_DEVICE = 1
DEFAULT_PER_IP = 20

_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_LIMIT_SALT = "pacesetter.evaluation.open_limit"
#: The voter group open ballots count for, in order of preference.
OPEN_GROUP_KINDS = (GroupKind.PUBLIC, GroupKind.SERVICE_USERS)


def _refuse(message: str, code: str):
    raise DomainError(message, code=code)


def open_limits() -> tuple[int, int]:
    """(per device, per address) for one subject; 0 means no limit."""
    return (
        int(getattr(settings, "OPEN_SURVEY_PER_DEVICE", DEFAULT_PER_DEVICE)),
        int(getattr(settings, "OPEN_SURVEY_PER_IP", DEFAULT_PER_IP)),
    )


def limit_hash(subject_id: int, kind: str, value: str) -> str:
    """The key of a limit row: an HMAC of "ip:<address>" or "device:<id>" for one subject.

    The subject is part of the message, so the rows of one device or address under two
    subjects do not show that they belong together.
    """
    return salted_hmac(_LIMIT_SALT, f"{kind}:{value}@{subject_id}", algorithm="sha256").hexdigest()


def open_group_id(round_id: int) -> int | None:
    """The round's voter group for open ballots: the public, else service users, else none."""
    kinds = dict(
        RoundGroup.objects.filter(round_id=round_id, voter_group__kind__in=OPEN_GROUP_KINDS)
        .values_list("voter_group__kind", "pk")
    )
    return next((kinds[kind] for kind in OPEN_GROUP_KINDS if kind in kinds), None)


def _check_window(state: str, opens_at, closes_at, now) -> None:
    if state == RoundState.DRAFT:
        _refuse(_("This survey has not started yet."), "round_not_open")
    if state in (RoundState.CLOSED, RoundState.RELEASED):
        _refuse(_("This survey is closed; no more answers are taken."), "round_closed")
    if now < opens_at:
        _refuse(_("This survey opens at %(time)s.") % {
            "time": timezone.localtime(opens_at).strftime("%Y-%m-%d %H:%M")}, "not_yet_open")
    if now >= closes_at:
        _refuse(_("This survey ended at %(time)s.") % {
            "time": timezone.localtime(closes_at).strftime("%Y-%m-%d %H:%M")}, "window_ended")


def _limit_keys(subject_id: int, client_ip: str | None, device_id: str | None) -> list[tuple[str, str, int]]:
    """(code, key hash, limit) of each limit that applies, the device's first."""
    per_device, per_ip = open_limits()
    keys = []
    if per_device > 0 and device_id is not None:
        keys.append(("device_limit", limit_hash(subject_id, "device", device_id), per_device))
    if per_ip > 0 and client_ip is not None:
        keys.append(("ip_limit", limit_hash(subject_id, "ip", client_ip or "unknown"), per_ip))
    return keys


_LIMIT_MESSAGES = {
    "device_limit": lambda: _("This survey has already been answered on this device. Thank you!"),
    "ip_limit": lambda: _("Too many answers to this survey have come from your network. Please try again later "
                          "from another network, or ask the survey's organisers."),
}


def _check_limits(subject_id: int, client_ip: str | None, device_id: str | None) -> None:
    keys = _limit_keys(subject_id, client_ip, device_id)
    if not keys:
        return
    counts = dict(
        OpenLimit.objects.filter(subject_id=subject_id, key_hash__in=[h for _c, h, _l in keys])
        .values_list("key_hash", "count")
    )
    for code, key_hash, limit in keys:
        if counts.get(key_hash, 0) >= limit:
            _refuse(_LIMIT_MESSAGES[code](), code)


def lookup_open_key(open_key: str, *, client_ip: str | None = None, device_id: str | None = None) -> dict:
    """What a poster's key may vote on (subject, round, group and scheme ids), or a DomainError.

    Given an address or a device, also refuses when its limit is already reached (a read:
    `cast_open_ballot` decides for good).
    """
    if not isinstance(open_key, str) or not 8 <= len(open_key) <= 24 or not set(open_key) <= _KEY_CHARS:
        _refuse(_("This survey address is not valid. Check that it was copied completely."), "unknown_key")
    row = (
        RoundSubject.objects.filter(open_key=open_key)
        .values("id", "round_id", "round__state", "round__opens_at", "round__closes_at", "round__scheme_id",
                "round__allow_open_channel")
        .first()
    )
    if row is None:
        _refuse(_("This survey address is not valid. Check that it was copied completely."), "unknown_key")
    if not row["round__allow_open_channel"]:
        _refuse(_("This evaluation takes no answers without a ballot code."), "open_forbidden")
    group_id = open_group_id(row["round_id"])
    if group_id is None:
        _refuse(_("This evaluation takes no answers from the public."), "no_open_group")
    _check_window(row["round__state"], row["round__opens_at"], row["round__closes_at"], timezone.now())
    if client_ip is not None or device_id is not None:
        _check_limits(row["id"], client_ip, device_id)
    return {"subject_id": row["id"], "round_id": row["round_id"], "group_id": group_id,
            "scheme_id": row["round__scheme_id"]}


def _take_limit(cursor, subject_id: int, key_hash: str, limit: int) -> bool:
    """Count one more ballot against a key unless it is at its limit; True if counted.

    One statement, so the database serialises racers on the row: the loser of an insert
    race updates instead, and an update at the limit changes no row.
    """
    cursor.execute(
        'INSERT INTO evaluation_openlimit (subject_id, key_hash, "count") VALUES (%s, %s, 1)'
        " ON CONFLICT (subject_id, key_hash) DO UPDATE SET \"count\" = evaluation_openlimit.\"count\" + 1"
        ' WHERE evaluation_openlimit."count" < %s',
        [subject_id, key_hash, limit],
    )
    return cursor.rowcount == 1


def cast_open_ballot(open_key: str, answers: Mapping[int, int], *, client_ip: str, device_id: str) -> None:
    """Record one open-survey ballot for the poster's subject, or nothing at all.

    `answers` maps indicator id → option index (or the 0–100 score). Refused when the round
    forbids the open channel or is not open, when an answer is missing or out of scale, and
    when the device's or the address's limit for this subject is reached.
    """
    if not device_id:
        _refuse(_("Your browser must accept cookies to answer this survey."), "no_device")
    with transaction.atomic():
        row = lookup_open_key(open_key)
        if connection.vendor == "postgresql":
            # As cast_ballot: close_round (FOR UPDATE) waits for ballots in flight, and a
            # ballot arriving during the close sees the round closed.
            with connection.cursor() as cursor:
                cursor.execute("SELECT state FROM evaluation_round WHERE id = %s FOR SHARE", [row["round_id"]])
                state = cursor.fetchone()[0]
            if state != RoundState.OPEN:
                _refuse(_("This survey is closed; no more answers are taken."), "round_closed")
        checked = check_answers(scheme_indicators(row["scheme_id"]), answers)
        with connection.cursor() as cursor:
            for code, key_hash, limit in _limit_keys(row["subject_id"], client_ip, device_id):
                if not _take_limit(cursor, row["subject_id"], key_hash, limit):
                    _refuse(_LIMIT_MESSAGES[code](), code)
        ballot_id = _new_ballot_id()
        Ballot.objects.bulk_create([
            Ballot(id=ballot_id, round_id=row["round_id"], subject_id=row["subject_id"], group_id=row["group_id"],
                   channel=Channel.OPEN)
        ])
        Answer.objects.bulk_create(
            Answer(ballot_id=ballot_id, indicator_id=indicator_id, round_id=row["round_id"],
                   subject_id=row["subject_id"], group_id=row["group_id"], option=option, points=points)
            for indicator_id, option, points in checked
        )
