"""Shared pieces of the observation meetings' writes."""
from __future__ import annotations

from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError, PermissionDeniedError

from .. import rules as sv_rules
from ..models import Meeting


def refuse(message: str, code: str):
    raise DomainError(message, code=code)


def forbid_unless_manager(user) -> None:
    if not sv_rules.can_manage_meetings(user):
        raise PermissionDeniedError(_("Only county admins run on-site observation meetings."), code="forbidden")


def text(value, *, field: str, limit: int, required: bool = True) -> str:
    """The stripped text, or a refusal naming the field when it is missing or too long."""
    value = value.strip() if isinstance(value, str) else ""
    if required and not value:
        refuse(_("%(field)s is required.") % {"field": field}, "required")
    if len(value) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit}, "too_long")
    return value


def locked(meeting: Meeting) -> Meeting:
    """The meeting's row, locked for the rest of the transaction (state changes queue)."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)
