"""The comparisons as .xlsx: one sheet each, translated headers, a missing figure an empty
cell. Written with openpyxl's write-only workbook."""
from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from pacesetter.core.xlsx import formatted, header_sheet
from pacesetter.evaluation.ranking import peer_group_label

from .queries import GRADES, GroupFigures, PeerPosition, grade_label

SCORE = "0.00"
ONE = "0.0"


def _save(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def history_xlsx(org, rows: list[dict]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = header_sheet(workbook, _("Over time"), [
        (_("Round"), 30), (_("Opens"), 12), (_("Composite score"), 12), (_("Grade"), 10),
        (_("Rank in peer group"), 10), (_("Ranked in peer group"), 10), (_("Percentile in peer group"), 12),
        (_("County-wide rank"), 10), (_("Peer group"), 24),
    ])
    for row in rows:
        sheet.append([
            row["round_name"], timezone.localdate(row["opens_at"]), formatted(sheet, row["composite"], SCORE),
            grade_label(row["grade"]), row["rank_peer"], row["peer_size"], formatted(sheet, row["percentile"], ONE),
            row["rank_county"], peer_group_label(row["peer_group"]),
        ])
    return _save(workbook)


def peers_xlsx(position: PeerPosition) -> bytes:
    workbook = Workbook(write_only=True)
    result = position.result
    sheet = header_sheet(workbook, _("Across peers"), [(_("Figure"), 30), (pgettext("figure", "Value"), 14)])
    figures = [
        (_("Organisation"), result.subject.organization.name), (_("Peer group"), peer_group_label(result.peer_group)),
        (_("Composite score"), formatted(sheet, result.composite, SCORE)), (_("Grade"), grade_label(result.grade)),
        (_("Rank in peer group"), result.rank_peer), (_("Ranked in peer group"), result.peer_size),
        (_("Percentile in peer group"), formatted(sheet, position.percentile, ONE)),
    ]
    names = {"count": _("Peers ranked"), "mean": _("Peer mean"), "min": _("Lowest"), "q1": _("Lower quartile"),
             "median": _("Median"), "q3": _("Upper quartile"), "max": _("Highest")}
    for key, name in names.items():
        value = (position.summary or {}).get(key)
        figures.append((name, value if key == "count" else formatted(sheet, value, SCORE)))
    for row in figures:
        sheet.append(list(row))
    bins = header_sheet(workbook, _("Distribution"), [(_("Composite score"), 14), (_("Peers"), 10)])
    for low, high, count in position.bins:
        bins.append([f"{low}–{high}", count])
    return _save(workbook)


def within_xlsx(org, results) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = header_sheet(workbook, _("Within the unit"), [
        (_("Rank"), 8), (_("Organisation"), 30), (_("Organisation code"), 14), (_("Composite score"), 12),
        (_("Grade"), 10), (_("Rank in peer group"), 10), (_("Ranked in peer group"), 10), (_("County-wide rank"), 10),
    ])
    for place, result in enumerate(results, start=1):
        organization = result.subject.organization
        sheet.append([
            place, organization.name, organization.code, formatted(sheet, result.composite, SCORE),
            grade_label(result.grade), result.rank_peer, result.peer_size, result.rank_county,
        ])
    return _save(workbook)


def outside_xlsx(rows: list[GroupFigures], county: GroupFigures, *, labels: dict[str, str]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = header_sheet(workbook, _("With outside units"), [
        (_("Rank"), 8), (_("Group"), 24), (_("Organisations"), 12), (_("Scored"), 10),
        (_("Mean composite score"), 12), (_("Against the county mean"), 12),
        *[(grade_label(grade), 10) for grade in GRADES],
    ])
    for group in [*rows, county]:
        grades = group.grades or {}
        sheet.append([
            group.rank, labels[group.key] if group is not county else _("County"), group.count, group.scored,
            formatted(sheet, group.mean, SCORE), formatted(sheet, group.difference, SCORE),
            *[grades.get(grade) for grade in GRADES],
        ])
    return _save(workbook)
