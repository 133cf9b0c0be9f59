"""The stage dashboard as .xlsx (openpyxl write-only): townships, sectors, organisations."""
from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from pacesetter.core.xlsx import header_sheet
from pacesetter.orgs.enums import Sector

from .dashboard import Dashboard, Tally, township_label
from .enums import Rag

COUNTS = ("done", "done_late", "open", "overdue", "long_overdue")


def _headers(first: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [*first, (_("Done"), 8), (_("Done late"), 8), (_("Open, not yet due"), 10), (_("Overdue"), 8),
            (_("Long overdue"), 10), (_("Done of due (%)"), 10), (_("Rating"), 10)]


def _figures(tally: Tally, rag_labels: dict[str, str]) -> list:
    share = tally.share
    return [tally.done, tally.done_late, tally.open, tally.overdue, tally.long_overdue,
            "" if share is None else share, rag_labels[tally.rag]]


def dashboard_xlsx(board: Dashboard) -> bytes:
    # Labels translated once, not per row.
    rags = {value: str(label) for value, label in Rag.choices}
    labels = {code: str(label) for code, label in Sector.choices}
    workbook = Workbook(write_only=True)
    towns = header_sheet(workbook, _("Townships"), _headers([(_("Township"), 20), (_("Organisations"), 10)]))
    for name, tally in board.townships.items():
        towns.append([township_label(name), tally.organizations, *_figures(tally, rags)])
    if board.county.organizations:
        towns.append([_("Total"), board.county.organizations, *_figures(board.county, rags)])
    sectors = header_sheet(workbook, _("Sectors"), _headers([(_("Sector"), 20), (_("Organisations"), 10)]))
    for code, tally in board.sectors.items():
        sectors.append([labels.get(code, code), tally.organizations, *_figures(tally, rags)])
    orgs = header_sheet(workbook, _("Organisations"), _headers([(_("Code"), 14), (_("Organisation"), 28),
                                                                (_("Township"), 14), (_("Sector"), 14)]))
    townships = {name: township_label(name) for name in board.townships}
    for org in board.org_rows:
        orgs.append([org["code"], org["name"], townships.get(org["township"]) or township_label(org["township"]),
                     labels.get(org["sector"], org["sector"]), *_figures(board.organizations[org["pk"]], rags)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
