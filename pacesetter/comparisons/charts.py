"""The data each comparison chart draws (passed to static/comparisons/charts.js through
json_script): plain lists of labels and numbers, with the names the legend shows."""
from __future__ import annotations

from django.utils.translation import gettext as _

from pacesetter.evaluation.enums import Grade

from .queries import GRADES, GroupFigures, PeerPosition


def trend(rows: list[dict]) -> dict:
    """Composite score and percentile in peer group per round, oldest first (0–100)."""
    return {
        "labels": [row["round_name"] for row in rows],
        "composite": [row["composite"] for row in rows],
        "percentile": [row["percentile"] for row in rows],
        "grades": [str(Grade(row["grade"]).label) if row["grade"] else "" for row in rows],
        "names": {"composite": _("Composite score"), "percentile": _("Percentile in peer group")},
    }


def histogram(position: PeerPosition) -> dict:
    """Ranked peers per score bin, the bin holding the organisation marked, and the box
    (min, quartiles, max) of the peer group."""
    composite = position.result.composite
    marked = None
    for i, (low, high, _count) in enumerate(position.bins):
        if composite is not None and low <= composite and (composite < high or high == 100):
            marked = i
    summary = position.summary or {}
    return {
        "labels": [f"{low}–{high}" for low, high, _count in position.bins],
        "counts": [count for _low, _high, count in position.bins],
        "marked": marked,
        "box": [summary.get(k) for k in ("min", "q1", "median", "q3", "max")] if summary else None,
        "composite": composite,
        "names": {"peers": _("Peers"), "box": _("Peer group"), "own": position.result.subject.organization.name},
    }


def bars(results) -> dict:
    """Composite bars of the units listed, with their grades."""
    return {
        "labels": [r.subject.organization.name for r in results],
        "composite": [r.composite for r in results],
        "grades": [r.grade or "none" for r in results],
        "names": {"composite": _("Composite score")},
    }


def groups(rows: list[GroupFigures], county: GroupFigures, *, labels: dict[str, str], focus: str) -> dict:
    """Each group's mean against the county's mean, and its organisations per grade
    (stacked); groups too small to show are left out."""
    shown = [g for g in rows if g.shown]
    return {
        "labels": [labels[g.key] for g in shown],
        "mean": [g.mean for g in shown],
        "focus": [g.key == focus for g in shown],
        "county": county.mean,
        "grades": [{"key": grade, "name": str(Grade(grade).label), "data": [g.grades[grade] for g in shown]}
                   for grade in GRADES],
        "names": {"mean": _("Mean composite score"), "county": _("County mean")},
    }
