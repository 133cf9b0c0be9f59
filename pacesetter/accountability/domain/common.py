"""Shared pieces of the accountability writes."""
from __future__ import annotations

from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError, PermissionDeniedError


def refuse(message: str, code: str):
    raise DomainError(message, code=code)


def forbid(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message, code="forbidden")


def required_text(value, *, field: str, limit: int) -> str:
    """The stripped text, or a refusal naming the field when it is empty or too long."""
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text:
        refuse(_("%(field)s is required.") % {"field": field}, "required")
    if len(text) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit}, "too_long")
    return text


def optional_text(value, *, field: str, limit: int) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if len(text) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit}, "too_long")
    return text


def percent(value, *, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        refuse(_("%(field)s is a whole percentage from 0 to 100.") % {"field": field}, "percent_invalid")
    return value
