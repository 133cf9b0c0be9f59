"""The data the double-lead charts draw (static/doublelead/charts.js), as json_script."""
from __future__ import annotations

from django.utils.translation import gettext as _

from .enums import EnterpriseKind
from .queries import Statistics, YearTotals


def _number(value) -> float:
    return float(value)


def years_chart(years: list[int], own: list, increase: list, jobs: list[int]) -> dict:
    """Income and helped households' increase (10,000 yuan) as lines, jobs as bars, year by year."""
    return {"labels": [str(y) for y in years], "own": [_number(v) for v in own],
            "increase": [_number(v) for v in increase], "jobs": jobs,
            "names": {"own": _("Own income (10,000 yuan)"),
                      "increase": _("Income increase of helped households (10,000 yuan)"),
                      "jobs": _("Jobs created")}}


def member_chart(figures) -> dict:
    rows = list(figures)
    return years_chart([f.year for f in rows], [f.own_income for f in rows],
                       [f.helped_income_increase for f in rows], [f.jobs_created for f in rows])


def county_chart(rows: list[tuple[int, YearTotals]]) -> dict:
    return years_chart([y for y, _t in rows], [t.own_income for _y, t in rows],
                       [t.helped_income_increase for _y, t in rows], [t.jobs_created for _y, t in rows])


def township_chart(stats: Statistics) -> dict:
    """Enterprises of each kind stacked per township, with the helped households beside them."""
    return {"labels": [row.township or _("(no township)") for row in stats.rows],
            "kinds": [{"name": str(label), "data": [row.enterprises.get(kind, 0) for row in stats.rows]}
                      for kind, label in EnterpriseKind.choices],
            "members": [row.members for row in stats.rows], "households": [row.households for row in stats.rows],
            "names": {"members": _("Double-lead members"), "households": _("Helped households")}}


def trend_chart(stats: Statistics) -> dict:
    """Per township, year by year: households helped by the end of the year and the members'
    own income (10,000 yuan; null for a year without figures)."""
    def income(row, year):
        totals = row.years.get(year)
        return None if totals is None else _number(totals.own_income)

    return {"labels": [str(y) for y in stats.years],
            "townships": [{"name": row.township or _("(no township)"),
                           "households": [row.households_by(y) for y in stats.years],
                           "income": [income(row, y) for y in stats.years]} for row in stats.rows],
            "names": {"households": _("Helped households"), "income": _("Own income (10,000 yuan)")}}
