"""The double-lead list and the township statistics as .xlsx (openpyxl write-only)."""
from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from pacesetter.core.xlsx import formatted, header_sheet

from .enums import EnterpriseKind
from .queries import Statistics

MONEY = "0.00"


def _save(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def members_xlsx(members) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = header_sheet(workbook, _("Double-lead members"), [
        (_("Member code"), 14), (_("Name"), 12), (_("Organisation"), 24), (_("Township"), 12),
        (_("Registered on"), 12), (_("Active"), 8), (_("Enterprises"), 10), (_("Helped households"), 10),
    ])
    for holder in members:
        member = holder.member
        sheet.append([member.code, member.name, member.organization.name, member.organization.township,
                      holder.registered_on, _("yes") if holder.active else _("no"), holder.enterprise_count,
                      holder.household_count])
    return _save(workbook)


def statistics_xlsx(stats: Statistics) -> bytes:
    """The townships as at the end of the year shown (its figures too), then every year."""
    workbook = Workbook(write_only=True)
    title = _("By township, %(year)s") % {"year": stats.year} if stats.year else _("By township")
    sheet = header_sheet(workbook, title, [
        (_("Township"), 14), (_("Double-lead members"), 10), (_("Active"), 8),
        *[(str(label), 12) for _kind, label in EnterpriseKind.choices], (_("Helped households"), 10),
        (_("Trainings"), 10), (_("Attendees"), 10), (_("Training hours"), 10), (_("Own income (10,000 yuan)"), 14), (_("Income increase of helped households (10,000 yuan)"), 16),
        (_("Jobs created"), 10),
    ])
    for row in stats.rows:
        totals = row.figures
        figures = [None, None, None] if totals is None else [
            formatted(sheet, totals.own_income, MONEY), formatted(sheet, totals.helped_income_increase, MONEY),
            totals.jobs_created]
        sheet.append([row.township, row.members, row.active, *stats.kind_counts(row), row.households,
                      *row.trainings, *figures])
    years = header_sheet(workbook, _("By year"), [
        (_("Township"), 14), (_("Year"), 8), (_("Members reporting"), 10), (_("Own income (10,000 yuan)"), 14),
        (_("Average own income (10,000 yuan)"), 14), (_("Income increase of helped households (10,000 yuan)"), 16),
        (_("Jobs created"), 10),
    ])
    for row in stats.rows:
        for year, totals in sorted(row.years.items()):
            years.append([row.township, year, totals.members, formatted(years, totals.own_income, MONEY),
                          formatted(years, totals.own_income_avg, MONEY),
                          formatted(years, totals.helped_income_increase, MONEY), totals.jobs_created])
    return _save(workbook)
