"""Shared pieces of the selections' writes."""
from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError, PermissionDeniedError

from ..models import Nomination, Selection


def refuse(message: str, code: str):
    raise DomainError(message, code=code)


def forbid(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message, code="forbidden")


def text(value, *, field: str, limit: int, required: bool = True) -> str:
    """The stripped text, or a refusal naming the field when it is missing or too long."""
    value = value.strip() if isinstance(value, str) else ""
    if required and not value:
        refuse(_("%(field)s is required.") % {"field": field}, "required")
    if len(value) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit}, "too_long")
    return value


def locked(selection: Selection) -> Selection:
    """The selection's row, locked for the rest of the transaction (state changes queue)."""
    return Selection.objects.select_for_update(of=("self",)).select_related("kind", "campaign", "round").get(
        pk=selection.pk)


def locked_nomination(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_for_update(of=("self",)).select_related(
        "selection", "organization", "member", "nominated_by").get(pk=nomination.pk)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The last day of a period of `days` working days (Monday to Friday) that begins on
    `start`: `start` counts as the first when it is a working day. Public holidays are not
    modelled; a county that needs them sets a longer period."""
    day, counted = start, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == days:
                return day
        day += datetime.timedelta(days=1)
