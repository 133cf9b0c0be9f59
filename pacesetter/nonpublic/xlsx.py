"""The entity list and the coverage figures as .xlsx (openpyxl write-only)."""
from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from pacesetter.core.xlsx import PERCENT, formatted, header_sheet

from .coverage import Coverage


def _entity_headers() -> list[tuple[str, int]]:
    return [(_("Name"), 30), (_("Unified social credit code"), 22), (_("Kind"), 14), (_("Industry"), 20),
            (_("Township"), 12), (_("Employees"), 10), (_("Party members"), 10), (_("Party organisation"), 16),
            (_("Status since"), 12), (_("Covering organisation"), 26), (_("Instructor"), 12)]


def _save(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def entities_xlsx(entities) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = header_sheet(workbook, _("Non-public entities"), _entity_headers())
    for e in entities.iterator(chunk_size=2000):
        sheet.append([e.name, e.credit_code, e.get_kind_display(), e.get_industry_display(), e.township.township,
                      e.employees, e.party_members, e.get_status_display(), e.status_since,
                      e.covering.name if e.covering_id else "", e.instructor.name if e.instructor_id else ""])
    return _save(workbook)


def _rows(sheet, rows: list[Coverage]) -> None:
    for row in rows:
        sheet.append([row.label, row.entities, row.covered, formatted(sheet, row.rate, PERCENT), row.employees,
                      row.covered_employees, formatted(sheet, row.employee_rate, PERCENT)])


def _coverage_sheet(workbook, title: str, first: str):
    return header_sheet(workbook, title, [
        (first, 16), (_("Entities"), 10), (_("Covered"), 10), (_("Rate by entities"), 12), (_("Employees"), 10),
        (_("Employees covered"), 12), (_("Rate by employees"), 12)])


def coverage_xlsx(*, township_rows, industry_rows, months, township_months) -> bytes:
    workbook = Workbook(write_only=True)
    _rows(_coverage_sheet(workbook, _("By township"), _("Township")), township_rows)
    _rows(_coverage_sheet(workbook, _("By industry"), _("Industry")), industry_rows)
    _rows(_coverage_sheet(workbook, _("Month by month"), _("Month end")), months)
    sheet = header_sheet(workbook, _("Townships by month"), [
        (_("Township"), 14), (_("Month end"), 12), (_("Entities"), 10), (_("Covered"), 10),
        (_("Rate by entities"), 12), (_("Employees"), 10), (_("Employees covered"), 12),
        (_("Rate by employees"), 12)])
    for township, rows in township_months:
        for row in rows:
            sheet.append([township, row.label, row.entities, row.covered, formatted(sheet, row.rate, PERCENT),
                          row.employees, row.covered_employees, formatted(sheet, row.employee_rate, PERCENT)])
    return _save(workbook)


def import_template() -> bytes:
    """The import's header row (its Chinese column names) and one example row."""
    from .importing import COLUMNS

    workbook = Workbook(write_only=True)
    sheet = header_sheet(workbook, _("Non-public entities"), [(spellings[0], 16) for spellings in COLUMNS.values()])
    sheet.append(["示例县鑫达机械制造有限公司", "91341122MA0000001U", "非公企业", "C", "一号镇", 50, 3, "未建", "", "", ""])
    return _save(workbook)
