"""Checks on a scheme's parts that need no database."""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .enums import DEFAULT_POINTS, SCALE_OPTIONS, SCORE_MAX, Scale


def validate_points(scale: str, points) -> None:
    """Custom points: one whole number from 0 to 100 per option of the scale, or none at all."""
    if points in (None, []):
        return
    if scale == Scale.SCORE100:
        raise ValidationError(_("A 0–100 score is its own points; it takes no points list."), code="points")
    n = len(SCALE_OPTIONS[Scale(scale)])
    if not isinstance(points, list) or len(points) != n:
        raise ValidationError(
            _("This scale has %(n)d options, so it needs exactly %(n)d points.") % {"n": n}, code="points"
        )
    for value in points:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= SCORE_MAX:
            raise ValidationError(_("Points must be whole numbers from 0 to 100."), code="points")


def effective_points(scale: str, points) -> tuple[int, ...]:
    return tuple(points) if points else DEFAULT_POINTS[Scale(scale)]


def weight_problem(weights: Iterable[int], what: str) -> str | None:
    """Why a set of weights is not acceptable (they must total 100), or None."""
    weights = list(weights)
    if not weights:
        return _("The scheme has no %(what)s.") % {"what": what}
    total = sum(weights)
    if total != 100:
        return _("The weights of the %(what)s add up to %(total)d, not 100.") % {"what": what, "total": total}
    return None
