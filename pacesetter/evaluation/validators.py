"""Checks on a scheme's parts that need no database."""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .enums import DEFAULT_POINTS, SCALE_OPTIONS, SCORE_MAX, Grade, Scale


def validate_points(scale: str, points) -> None:
    """Custom points: one whole number from 0 to 100 per option of the scale, or none at all.

    Options are listed best first, so points may not rise from one option to the next: a
    worse answer scoring more would turn the composite, the ranking and the grades upside
    down."""
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
    labels = SCALE_OPTIONS[Scale(scale)]
    for n, (better, worse) in enumerate(zip(points, points[1:]), start=2):
        if worse > better:
            raise ValidationError(
                _("Points must not increase from the best option to the worst: option %(n)d (%(option)s) has "
                  "%(worse)d points, more than the %(better)d of the option before it.")
                % {"n": n, "option": labels[n - 1], "worse": worse, "better": better},
                code="points",
            )


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


#: The grading rules (分类定级) of a round whose `grading` is empty; a round's own keys
#: override these. Here rather than in ranking.py (which re-exports it) so that checking
#: rules needs no model; see ranking.py for what each rule does.
DEFAULT_GRADING = {
    "advanced_min": 90.0,
    "good_min": 80.0,
    "fair_min": 60.0,
    "advanced_top_share": 0.2,
    "lagging_bottom_share": 0.1,
    "flag_caps_at": "fair",
}
_GRADING_SCORES = ("advanced_min", "good_min", "fair_min")
_GRADING_SHARES = ("advanced_top_share", "lagging_bottom_share")
_GRADING_KEYS = (*_GRADING_SCORES, *_GRADING_SHARES, "flag_caps_at")


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def validate_grading(value) -> None:
    """A round's grading rules (分类定级): any of the keys of DEFAULT_GRADING.

    Thresholds are scores from 0 to 100 in the order advanced ≥ good ≥ fair (a key left out
    takes its default for this comparison), shares are from 0 to 1, and the dissatisfaction
    cap is one of the grades. Each error names the key at fault.
    """
    if not isinstance(value, dict):
        raise ValidationError(_("Grading rules must be a mapping of rule names to values."), code="grading")
    for key in value:
        if key not in _GRADING_KEYS:
            raise ValidationError(
                _("Unknown grading rule “%(key)s”; the rules are: %(keys)s.")
                % {"key": key, "keys": ", ".join(_GRADING_KEYS)},
                code="grading",
            )
    for key in _GRADING_SCORES:
        if key in value and not (_is_number(value[key]) and 0 <= value[key] <= SCORE_MAX):
            raise ValidationError(
                _("The grading rule “%(key)s” must be a score from 0 to 100.") % {"key": key}, code="grading"
            )
    for key in _GRADING_SHARES:
        if key in value and not (_is_number(value[key]) and 0 <= value[key] <= 1):
            raise ValidationError(
                _("The grading rule “%(key)s” must be a share from 0 to 1.") % {"key": key}, code="grading"
            )
    if "flag_caps_at" in value and value["flag_caps_at"] not in Grade.values:
        raise ValidationError(
            _("The grading rule “flag_caps_at” must be one of: %(grades)s.") % {"grades": ", ".join(Grade.values)},
            code="grading",
        )
    merged = {**DEFAULT_GRADING, **value}
    for higher, lower in (("advanced_min", "good_min"), ("good_min", "fair_min")):
        if merged[higher] < merged[lower]:
            raise ValidationError(
                _("The grading rule “%(higher)s” (%(high)s) must not be below “%(lower)s” (%(low)s).")
                % {"higher": higher, "high": merged[higher], "lower": lower, "low": merged[lower]},
                code="grading",
            )
