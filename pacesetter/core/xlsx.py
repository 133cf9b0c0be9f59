"""Pieces every .xlsx export shares: openpyxl write-only sheets with a bold, frozen header
row of translated titles and set column widths, and formatted cells that stay empty for a
missing figure."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERCENT = "0.0%"


def header_sheet(workbook: Workbook, title: str, headers: list[tuple[str, int]]):
    """A new sheet whose first row is `headers` (title, column width), frozen below it."""
    sheet = workbook.create_sheet(title)
    for number, (_header, width) in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    bold = Font(bold=True)
    row = []
    for header, _width in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        row.append(cell)
    sheet.append(row)
    sheet.freeze_panes = "A2"
    return sheet


def formatted(sheet, value, number_format: str):
    """A cell shown with `number_format`; None (an empty cell) for a missing value."""
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell
