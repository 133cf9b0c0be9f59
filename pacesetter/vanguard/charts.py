"""The data the vanguard charts draw (static/vanguard/charts.js), as json_script."""
from __future__ import annotations

from django.utils.translation import gettext as _

from .enums import VanguardKind
from .queries import Dashboard


def progress_chart(progress) -> dict:
    """The percent done of each update, day by day."""
    return {"labels": [u.date.isoformat() for u in progress], "percent": [u.percent for u in progress],
            "names": {"percent": _("Percent done")}}


def township_chart(board: Dashboard) -> dict:
    """Projects of each kind stacked per township."""
    return {"labels": [row.township or _("(no township)") for row in board.rows],
            "kinds": [{"name": str(label), "data": [row.kinds.get(kind, 0) for row in board.rows]}
                      for kind, label in VanguardKind.choices]}


def results_chart(board: Dashboard) -> dict:
    """Money saved (yuan, bars) and problems solved (line) per township."""
    return {"labels": [row.township or _("(no township)") for row in board.rows],
            "money": [float(row.money_saved) for row in board.rows],
            "problems": [float(row.problems_solved) for row in board.rows],
            "names": {"money": _("Money saved (yuan)"), "problems": _("Problems solved")}}
