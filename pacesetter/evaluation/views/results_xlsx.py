"""A released round's results as .xlsx: a sheet of subjects (with the figures of record
indicators, a column each) and a sheet of indicator cells.

Headers are translated strings, so a user reading in Chinese gets Chinese headers. Shares
are written as fractions formatted as percentages; a missing figure (no rank, no share)
is an empty cell. Written with openpyxl's write-only workbook, row by row.
"""
from __future__ import annotations

import io

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pacesetter.core.xlsx import PERCENT, formatted, header_sheet

from .. import results
from ..models import Indicator, SubjectResult, TallyResult
from ..ranking import peer_group_label

SCORE = "0.00"
#: The most options a scale has (five satisfaction levels): one count column each.
MAX_OPTIONS = 5
_CHUNK = 2000


def _subject_headers() -> list[tuple[str, int]]:
    return [
        (_("County-wide rank"), 10), (_("Subject"), 30), (_("Organisation code"), 14), (_("Peer group"), 22),
        (_("Rank in peer group"), 10), (_("Ranked in peer group"), 10), (_("Composite score"), 10),
        (_("Good share"), 10), (_("Good share, lower bound (95%)"), 12), (_("Good share, upper bound (95%)"), 12),
        (_("Ballots"), 8), (_("Open-survey ballots (less trusted)"), 12),
        (_("Open-survey composite score (less trusted)"), 12), (_("Grade"), 8), (_("Insufficient sample"), 10),
        (_("Dissatisfied share"), 10), (_("Flagged for dissatisfaction"), 10),
    ]


def _cell_headers() -> list[tuple[str, int]]:
    options = [(_("Option %(number)s") % {"number": n}, 8) for n in range(1, MAX_OPTIONS + 1)]
    return [
        (_("Subject"), 30), (_("Organisation code"), 14), (_("Voter group"), 14), (_("Indicator"), 30),
        (_("Channel"), 16), (_("Answers"), 8), (_("Options, best first"), 30), *options, (_("Mean points"), 10),
        (_("Good share"), 10), (_("Good share, lower bound (95%)"), 12), (_("Good share, upper bound (95%)"), 12),
        (_("Dissatisfied share"), 10),
    ]


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _record_headers(records: list[Indicator]) -> list[tuple[str, int]]:
    """A column per record indicator, named with its source: "Fulfilment (commitment fulfilment rate)"."""
    return [(f"{indicator.question} ({indicator.get_source_display()})", 16) for indicator in records]


def _subject_row(sheet, result: SubjectResult, share: results.Share | None, records: list[Indicator]) -> list:
    subject = result.subject
    figures = [formatted(sheet, value, SCORE) for _indicator, value in results.record_figures(result, records)]
    return [
        result.rank_county, subject.label, subject.organization.code, peer_group_label(result.peer_group),
        result.rank_peer, result.peer_size, formatted(sheet, result.composite, SCORE),
        formatted(sheet, share and share.value, PERCENT), formatted(sheet, share and share.low, PERCENT),
        formatted(sheet, share and share.high, PERCENT),
        result.n, result.open_n, formatted(sheet, result.open_composite, SCORE),
        result.get_grade_display(), _yes_no(result.insufficient_sample),
        formatted(sheet, result.dissatisfied_share, PERCENT), _yes_no(result.dissatisfied_flag), *figures,
    ]


def _cell_row(sheet, cell) -> list:
    counts = list(cell.counts) + [None] * (MAX_OPTIONS - len(cell.counts))
    return [
        cell.subject.label, cell.subject.organization.code, str(cell.group.voter_group), cell.indicator.question,
        _("open survey (less trusted)") if cell.open_channel else _("trusted"), cell.n,
        " / ".join(str(label) for label in cell.indicator.option_labels), *counts,
        formatted(sheet, cell.mean_points, SCORE), formatted(sheet, cell.good_share, PERCENT),
        formatted(sheet, cell.good_low, PERCENT), formatted(sheet, cell.good_high, PERCENT),
        formatted(sheet, cell.dissatisfied_share, PERCENT),
    ]


def results_xlsx(tally: TallyResult, qs: QuerySet[SubjectResult], *, records: list[Indicator] = ()) -> bytes:
    """The subjects of `qs` (already cut to what the user sees), with a column per record
    indicator (`records`), and their cells."""
    records = list(records)
    workbook = Workbook(write_only=True)
    subjects = header_sheet(workbook, _("Subjects"), _subject_headers() + _record_headers(records))
    shares = results.shares_of(qs, tally=tally)
    for result in qs.iterator(chunk_size=_CHUNK):
        subjects.append(_subject_row(subjects, result, shares.get(result.subject_id), records))
    cells = header_sheet(workbook, _("Indicators"), _cell_headers())
    for cell in results.cells_of(qs, tally=tally, chunk_size=_CHUNK):
        cells.append(_cell_row(cells, cell))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
