"""Exports and templates: the import's own columns, so an export re-imports unchanged.

Exports hold phone numbers in full (a masked number could not be imported back); only
users who may import may export, see `may_import`.
"""
from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..models import Organization
from ..queries import organizations_visible_to
from .columns import BOOL_ZH, COLUMNS, GENDER_ZH, LEVEL_ZH, SECTOR_ZH, SHEET_NAMES, STATUS_ZH
from .engine import chunks, lookup_chunk

STEP = Organization.steplen
_WIDTHS = {"name": 28, "code": 14, "parent_code": 14, "org_code": 14, "phone": 16, "title": 24}


def _rows_organizations(queryset, by):
    """Parents outside the exporting user's view are left empty, which the importer reads as
    "stays where it is" for their top organisations."""
    fields = ("code", "name", "path", "depth", "level", "sector", "township", "secretary", "established")
    rows = list(queryset.order_by("path").values_list(*fields))
    parent_paths = {row[2][:-STEP] for row in rows if row[3] > 1}
    scope = organizations_visible_to(by) if by is not None else Organization.objects.all()
    parent_codes = {}
    for chunk in chunks(sorted(parent_paths), lookup_chunk()):
        parent_codes.update(scope.filter(path__in=chunk).values_list("path", "code"))
    for code, name, path, depth, level, sector, township, secretary, established in rows:
        yield (
            code, name, parent_codes.get(path[:-STEP], "") if depth > 1 else "",
            LEVEL_ZH.get(level, level), SECTOR_ZH.get(sector, sector), township, secretary, established,
        )


def _rows_members(queryset, by):
    fields = (
        "code", "name", "gender", "birth_date", "join_date", "status", "education",
        "organization__code", "position", "is_rural", "phone",
    )
    for code, name, gender, birth, joined, status, education, org, position, rural, phone in (
        queryset.order_by("code").values_list(*fields).iterator(chunk_size=5000)
    ):
        yield (
            code, name, GENDER_ZH.get(gender, gender), birth, joined, STATUS_ZH.get(status, status),
            education, org, position, BOOL_ZH[bool(rural)], phone,
        )


def _rows_leaders(queryset, by):
    yield from queryset.order_by("code").values_list("code", "name", "title", "phone").iterator(chunk_size=5000)


_ROWS = {"organizations": _rows_organizations, "members": _rows_members, "leaders": _rows_leaders}


def _sheet(workbook: Workbook, kind: str, title: str):
    sheet = workbook.create_sheet(title)
    for number, column in enumerate(COLUMNS[kind], start=1):
        sheet.column_dimensions[get_column_letter(number)].width = _WIDTHS.get(column.key, 12)
    return sheet


def _header(sheet, kind: str) -> list:
    bold = Font(bold=True)
    cells = []
    for column in COLUMNS[kind]:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        cells.append(cell)
    return cells


def export_xlsx(kind: str, queryset, *, by=None) -> bytes:
    """An .xlsx of `queryset` (already scoped to what `by` sees), written as it streams."""
    workbook = Workbook(write_only=True)
    sheet = _sheet(workbook, kind, SHEET_NAMES[kind])
    sheet.append(_header(sheet, kind))
    for row in _ROWS[kind](queryset, by):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_template(kind: str) -> bytes:
    """An empty sheet with the header row, and a sheet 说明 with an example row and what each column means."""
    workbook = Workbook(write_only=True)
    sheet = _sheet(workbook, kind, SHEET_NAMES[kind])
    sheet.append(_header(sheet, kind))
    notes = workbook.create_sheet("说明")
    for number, width in enumerate((22, 10, 70, 16), start=1):
        notes.column_dimensions[get_column_letter(number)].width = width
    notes.append([_("Example: fill in the first sheet like this row (empty cells are allowed where not required).")])
    notes.append(_header(notes, kind))
    notes.append([column.example for column in COLUMNS[kind]])
    notes.append([])
    notes.append([_("Column"), _("Required"), _("What to write"), _("Example")])
    for column in COLUMNS[kind]:
        notes.append([column.header, _("yes") if not column.blank else _("no"), str(column.help), column.example])
    notes.append([])
    notes.append([_("Headers may be written in Chinese, in English, or both as above. Rows are matched by code: "
                    "new codes are added, existing ones updated. Nothing is imported unless every row is valid.")])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
