"""Helpers the domain modules share: permission, round locking and state checks, ballot ids."""
from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError, PermissionDeniedError

from ..enums import RoundState
from ..models import Round


def _require(allowed: bool, by) -> None:
    if by is not None and not allowed:
        raise PermissionDeniedError(_("Only the county admin may set up evaluations."), code="forbidden")


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


def _new_ballot_id() -> int:
    return secrets.randbits(63) or 1
