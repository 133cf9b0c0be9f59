"""The commitments dashboard as .xlsx: a sheet by township, one by sector, one of overdue items.

Headers are translated strings (Chinese for a user reading in Chinese). Rates are written
as fractions formatted as percentages; a rate with nothing decided or due is an empty
cell. Written with openpyxl's write-only workbook, row by row.
"""
from __future__ import annotations

import datetime
import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pacesetter.core.xlsx import PERCENT, formatted, header_sheet

from .dashboard import Figures, days_overdue
from .models import CommitmentItem

DATE = "yyyy-mm-dd"
_CHUNK = 2000


def _figure_headers(first: str) -> list[tuple[str, int]]:
    return [
        (first, 24), (_("Pledges"), 10), (_("Items"), 10), (_("Delivered"), 10), (_("Not delivered"), 10),
        (_("Overdue"), 10), (_("On track"), 10), (_("Decided or due"), 12), (_("Fulfilment rate"), 12),
    ]


def _overdue_headers() -> list[tuple[str, int]]:
    return [
        (_("Organisation"), 30), (_("Organisation code"), 14), (_("Township"), 14), (_("Owner"), 20),
        (_("Commitment"), 50), (_("Measurable target"), 30), (_("Deadline"), 12), (_("Days overdue"), 10),
        (_("Progress (%)"), 10),
    ]


def _figure_rows(sheet, rows: Iterable[Figures]) -> None:
    for row in rows:
        sheet.append([
            row.label, row.pledges, row.items, row.delivered, row.not_delivered, row.overdue, row.on_track,
            row.rated, formatted(sheet, row.rate, PERCENT),
        ])


def _overdue_row(sheet, item: CommitmentItem, day: datetime.date) -> list:
    commitment = item.commitment
    org = commitment.organization
    return [
        org.name, org.code, org.township, commitment.owner_name, item.content, item.target,
        formatted(sheet, item.deadline, DATE), days_overdue(item, day), item.progress,
    ]


def dashboard_xlsx(*, townships: list[Figures], sectors: list[Figures], overdue: QuerySet[CommitmentItem],
                   day: datetime.date) -> bytes:
    """The tables as the page shows them and every overdue item of `overdue` (already cut
    to what the user sees)."""
    workbook = Workbook(write_only=True)
    _figure_rows(header_sheet(workbook, _("By township"), _figure_headers(_("Township"))), townships)
    _figure_rows(header_sheet(workbook, _("By sector"), _figure_headers(_("Sector"))), sectors)
    sheet = header_sheet(workbook, _("Overdue items"), _overdue_headers())
    for item in overdue.iterator(chunk_size=_CHUNK):
        sheet.append(_overdue_row(sheet, item, day))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
