"""Observers' personal scoring codes: 16 characters from an alphabet without look-alikes
(≈79 random bits), shown once when issued and stored only as keyed hashes, like ballot
tokens. A new code revokes the observer's previous one."""
from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from pacesetter.core import audit

from ..enums import MeetingState
from ..models import Meeting, Observer, ObserverCode
from .common import forbid_unless_manager, locked, refuse

#: No 0/O, 1/I/L: the code is typed from a printed badge on a phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 16
_SALT = "pacesetter.sitevisits.observer-code"


def normalise(raw) -> str:
    """The code as stored before hashing: capitals, without the spaces and dashes of the badge."""
    if not isinstance(raw, str):
        return ""
    return "".join(raw.split()).replace("-", "").upper()[:64]


def well_formed(code: str) -> bool:
    return len(code) == LENGTH and set(code) <= set(ALPHABET)


def code_hash(raw: str) -> str:
    return salted_hmac(_SALT, normalise(raw), algorithm="sha256").hexdigest()


def display(code: str) -> str:
    """Grouped by four for the badge: ABCD-EFGH-JKMN-PQRS."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def _new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(LENGTH))


@transaction.atomic
def issue_codes(meeting: Meeting, *, by, observers: list[Observer] | None = None) -> list[tuple[Observer, str]]:
    """New codes for the observers (all of the meeting's when None), revoking their old ones;
    returns (observer, code as printed) — the only time the codes can be read."""
    forbid_unless_manager(by)
    meeting = locked(meeting)
    if meeting.state not in (MeetingState.DRAFT, MeetingState.OPEN):
        refuse(_("Codes are issued before or while scoring is open."), "state")
    chosen = list(meeting.observers.order_by("number")) if observers is None else sorted(
        (o for o in observers if o.meeting_id == meeting.pk), key=lambda o: o.number)
    if not chosen:
        refuse(_("The meeting has no observers to issue codes to."), "no_observers")
    ObserverCode.objects.filter(observer__in=chosen, revoked_at__isnull=True).update(revoked_at=timezone.now())
    issued = [(observer, _new_code()) for observer in chosen]
    ObserverCode.objects.bulk_create(ObserverCode(observer=o, key_hash=code_hash(code)) for o, code in issued)
    audit.record("sitevisits.codes.issue", by=by, obj=meeting, after={"observers": [o.number for o in chosen]})
    return [(observer, display(code)) for observer, code in issued]
