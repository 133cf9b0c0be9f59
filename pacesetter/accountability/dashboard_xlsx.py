"""The key-task list as .xlsx: one row per task as the list shows it, schedule as of the day.

Headers are translated strings; percentages are written as fractions formatted as
percentages. Written with openpyxl's write-only workbook from one query's rows.
"""
from __future__ import annotations

import datetime
import io

from django.db.models import QuerySet
from django.utils.translation import gettext as _, pgettext
from openpyxl import Workbook

from pacesetter.core.xlsx import PERCENT, formatted, header_sheet

from .dashboard import days_late
from .enums import Schedule
from .models import KeyTask

DATE = "yyyy-mm-dd"
MONEY = "#,##0.00"
_CHUNK = 2000


def _headers() -> list[tuple[str, int]]:
    return [
        (_("Code"), 14), (pgettext("name of a task", "Title"), 40), (_("Kind"), 14), (_("Responsible leader"), 16), (_("Lead unit"), 28),
        (_("Lead unit code"), 14), (_("Budget (10,000 yuan)"), 14), (_("Planned start"), 12), (_("Planned end"), 12),
        (_("Planned by today"), 12), (_("Reported progress"), 12), (_("Schedule"), 14), (_("Late reporting"), 10),
        (_("Last report"), 12), (_("Next report due"), 12), (_("Days late"), 10), (_("State"), 12),
    ]


def _row(sheet, task: KeyTask, day: datetime.date) -> list:
    return [
        task.code, task.title, task.get_kind_display(), task.leader.name, task.lead_unit.name, task.lead_unit.code,
        formatted(sheet, task.budget, MONEY), formatted(sheet, task.planned_start, DATE),
        formatted(sheet, task.planned_end, DATE), formatted(sheet, task.planned / 100, PERCENT),
        formatted(sheet, task.progress / 100, PERCENT), str(Schedule(task.schedule).label),
        _("yes") if task.reporting_late else _("no"), formatted(sheet, task.last_report_on, DATE),
        formatted(sheet, task.next_report_due, DATE), days_late(task, day) or None, task.get_status_display(),
    ]


def tasks_xlsx(tasks: QuerySet[KeyTask], *, day: datetime.date) -> bytes:
    """Every task of `tasks` (annotated, already cut to what the user sees and filtered)."""
    workbook = Workbook(write_only=True)
    sheet = header_sheet(workbook, _("Key tasks"), _headers())
    for task in tasks.iterator(chunk_size=_CHUNK):
        sheet.append(_row(sheet, task, day))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
