"""Shared pieces of the activity writes: refusals and checked text."""
from __future__ import annotations

from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError, PermissionDeniedError


def refuse(message: str, code: str):
    raise DomainError(message, code=code)


def forbid(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message, code="forbidden")


def text(value, *, field: str, limit: int, required: bool = False) -> str:
    """The stripped text, or a refusal naming the field when it is missing or too long."""
    value = value.strip() if isinstance(value, str) else ""
    if required and not value:
        refuse(_("%(field)s is required.") % {"field": field}, "required")
    if len(value) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit}, "too_long")
    return value
