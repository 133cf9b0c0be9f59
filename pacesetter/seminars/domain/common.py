"""Shared pieces of the seminar writes."""
from __future__ import annotations

from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError, PermissionDeniedError

from ..models import Seminar


def refuse(message: str, code: str):
    raise DomainError(message, code=code)


def forbid(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDeniedError(message or _("You may not do this."), code="forbidden")


def text(value, *, field: str, limit: int, required: bool = True) -> str:
    """The stripped text, or a refusal naming the field when it is missing or too long."""
    value = (value or "").strip() if isinstance(value, str) else ""
    if required and not value:
        refuse(_("%(field)s is required.") % {"field": field}, "required")
    if len(value) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit}, "too_long")
    return value


def locked(seminar: Seminar) -> Seminar:
    """The seminar's row, locked for the rest of the transaction (state changes queue)."""
    return Seminar.objects.select_for_update().get(pk=seminar.pk)
