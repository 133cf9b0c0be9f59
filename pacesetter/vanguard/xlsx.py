"""The vanguard dashboard as .xlsx (openpyxl write-only): by township, then the county's totals."""
from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from pacesetter.core.xlsx import formatted, header_sheet

from .enums import Measure, ProjectState, Rating, VanguardKind
from .queries import Dashboard

MONEY = "0.00"


def dashboard_xlsx(board: Dashboard) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = header_sheet(workbook, _("By township"), [
        (_("Township"), 14), *[(str(label), 14) for _k, label in VanguardKind.choices], (_("Projects"), 10),
        (_("Money saved (yuan)"), 16), (_("Problems solved"), 12),
    ])
    for row in board.rows:
        sheet.append([row.township, *board.kind_counts(row), row.total, formatted(sheet, row.money_saved, MONEY),
                      formatted(sheet, row.problems_solved, MONEY)])
    totals = header_sheet(workbook, _("County"), [(_("Figure"), 28), (_("Value"), 16)])
    for state, n in board.states.items():
        totals.append([_("Projects %(state)s") % {"state": ProjectState(state).label}, n])
    for rating, n in board.ratings.items():
        totals.append([_("Reviewed %(rating)s") % {"rating": Rating(rating).label}, n])
    for measure, value in board.measures.items():
        totals.append([str(Measure(measure).label), formatted(totals, value, MONEY)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
