"""Short-lived sign-in codes for the QR code on the organiser's screen.

A code is the activity id and a random nonce, signed with the SECRET_KEY under a salt of
its own (so no other signed value of the site passes for one) and stamped with the time it
was issued (django.core.signing.TimestampSigner). It is valid for
ACTIVITY_SIGNIN_CODE_SECONDS (default 60) after that. Reading one checks, in order: the
signature (tampered), the age (expired) and the activity (another activity's code). That a
code is used only once is not decided here but by the database: its nonce is stored when
it is spent (models.SpentCode, unique).
"""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError

SALT = "pacesetter.activities.signin-code"
#: How long a code stays valid, unless the setting says otherwise.
DEFAULT_SECONDS = 60


def valid_seconds() -> int:
    return int(getattr(settings, "ACTIVITY_SIGNIN_CODE_SECONDS", DEFAULT_SECONDS))


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


@dataclass(frozen=True)
class Code:
    activity_id: int
    nonce: str
    issued_at: float

    @property
    def expires_at(self) -> float:
        return self.issued_at + valid_seconds()


def issue(activity_id: int) -> str:
    """A fresh code for the activity."""
    return _signer().sign_object({"a": activity_id, "n": secrets.token_urlsafe(12)}, compress=False)


def read(text: str, *, activity_id: int) -> Code:
    """The code, checked; DomainError (code_tampered / code_expired / code_other_activity)."""
    signer = _signer()
    try:
        value = signer.unsign_object(text or "", max_age=valid_seconds())
    except signing.SignatureExpired:
        raise DomainError(_("This sign-in code has expired. Scan the code on the screen again."),
                          code="code_expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise DomainError(_("This sign-in code is not valid. Scan the code on the screen again."),
                          code="code_tampered") from None
    if not isinstance(value, dict) or not isinstance(value.get("a"), int) or not isinstance(value.get("n"), str):
        raise DomainError(_("This sign-in code is not valid. Scan the code on the screen again."),
                          code="code_tampered")
    if value["a"] != activity_id:
        raise DomainError(_("This sign-in code belongs to another activity."), code="code_other_activity")
    return Code(activity_id=value["a"], nonce=value["n"], issued_at=_issued(text))


def _issued(text: str) -> float:
    """When the code was issued: the timestamp the signer put in it (base 62 seconds)."""
    return float(signing.b62_decode(text.rsplit(":", 2)[1]))


def seconds_left(code: Code, *, now: float | None = None) -> float:
    return code.expires_at - (time.time() if now is None else now)
