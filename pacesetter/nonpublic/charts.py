"""The data the coverage charts draw (static/nonpublic/coverage.js), as json_script."""
from __future__ import annotations

from django.utils.translation import gettext as _

from .coverage import Coverage


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def township_chart(rows: list[Coverage]) -> dict:
    """Coverage rate by entities and by employees, a pair of bars per township."""
    return {"labels": [row.label or _("(no township)") for row in rows],
            "entities": [_percent(row.rate) for row in rows],
            "employees": [_percent(row.employee_rate) for row in rows],
            "names": {"entities": _("By entities (%)"), "employees": _("By employees (%)")}}


def months_chart(rows: list[Coverage]) -> dict:
    """The same two rates at the end of each month, as lines."""
    return {"labels": [row.key.strftime("%Y-%m") for row in rows],
            "entities": [_percent(row.rate) for row in rows],
            "employees": [_percent(row.employee_rate) for row in rows],
            "names": {"entities": _("By entities (%)"), "employees": _("By employees (%)")}}
