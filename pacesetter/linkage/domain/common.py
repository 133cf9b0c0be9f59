"""Shared pieces of the linkage writes: refusals and checked input."""
from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError, PermissionDeniedError


def refuse(message: str, code: str):
    raise DomainError(message, code=code)


def forbid(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message, code="forbidden")


def required_text(value, *, field: str, limit: int) -> str:
    """The stripped text, or a refusal naming the field when it is empty or too long."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        refuse(_("%(field)s is required.") % {"field": field}, "required")
    return optional_text(text, field=field, limit=limit)


def optional_text(value, *, field: str, limit: int) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if len(text) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit}, "too_long")
    return text


def count(value, *, field: str, limit: int = 1_000_000) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        refuse(_("%(field)s is a whole number from 0 to %(limit)d.") % {"field": field, "limit": limit},
               "count_invalid")
    return value


def past_date(value, *, field: str, required: bool = True) -> datetime.date | None:
    """A day not after today (Asia/Shanghai)."""
    if value is None and not required:
        return None
    if not isinstance(value, datetime.date):
        refuse(_("%(field)s is required.") % {"field": field}, "required")
    if value > timezone.localdate():
        refuse(_("%(field)s cannot be in the future.") % {"field": field}, "date_future")
    return value
