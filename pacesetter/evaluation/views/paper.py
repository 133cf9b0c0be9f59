"""Paper ballot counts of a round: the list with the entry form, and one entry with its
confirm and reject buttons.

County admins and inspectors see them (inside the rounds and subjects they see); only
county admins write, through `domain.enter_paper_count` / `confirm_paper_count` /
`reject_paper_count`. The entry form works without JavaScript in two steps: choose the
subject and voter group (a GET form), then fill in the counts of each question.
"""
from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pacesetter.core.errors import DomainError
from pacesetter.core.models import AuditEntry

from .. import domain
from .. import rules as ev_rules
from ..enums import SCORE_MAX, PaperStatus, RoundState, Scale
from ..models import Indicator, PaperCount, Round, RoundGroup, TallyResult
from ..queries import rounds_visible_to, subjects_visible_to

PER_PAGE = 50
#: Scores in the textarea are separated by spaces, new lines or commas (also Chinese ones).
_SCORE_SEPARATORS = re.compile(r"[\s,，、;；]+")
ENTRY_STATES = (RoundState.OPEN, RoundState.CLOSED)


def _round(request: HttpRequest, pk: int) -> Round:
    """The round if the user sees it (404) and may see its paper counts (403)."""
    round_ = get_object_or_404(rounds_visible_to(request.user).select_related("scheme"), pk=pk)
    if not ev_rules.can_read_counts(request.user):
        raise PermissionDenied
    return round_


def _subjects(request: HttpRequest, round_: Round):
    return (
        subjects_visible_to(request.user).filter(round=round_).select_related("organization", "member")
        .order_by("organization__path", "member__name", "pk")
    )


def _number(raw: str):
    """A whole number from a form field; the text itself if it is not one (the domain names it)."""
    raw = raw.strip()
    try:
        return int(raw)
    except ValueError:
        return raw


def _pick(queryset, raw: str):
    """The row of `queryset` whose id the form sent, or None."""
    raw = raw.strip()
    # isdigit() alone takes '²' too, which int() refuses: ASCII digits only.
    return queryset.filter(pk=int(raw)).first() if raw.isascii() and raw.isdigit() else None


def _count_rows(indicators: list[Indicator], post=None) -> list[dict]:
    """The count fields of each question, with what was typed into them: `c<question>_<option>`
    per option, `s<question>` for the scores (by question number, which a scheme keeps)."""
    rows = []
    for ind in indicators:
        if ind.scale == Scale.SCORE100:
            name = f"s{ind.order}"
            rows.append({"indicator": ind, "is_score": True, "name": name, "value": post.get(name, "") if post else ""})
        else:
            options = [
                {"name": f"c{ind.order}_{n}", "label": label, "value": post.get(f"c{ind.order}_{n}", "") if post else ""}
                for n, label in enumerate(ind.option_labels)
            ]
            rows.append({"indicator": ind, "is_score": False, "options": options})
    return rows


def _counts(rows: list[dict]) -> dict[int, list]:
    """The counts for the domain: blank option fields are 0, scores split on separators."""
    counts = {}
    for row in rows:
        if row["is_score"]:
            counts[row["indicator"].pk] = [_number(s) for s in _SCORE_SEPARATORS.split(row["value"]) if s]
        else:
            counts[row["indicator"].pk] = [_number(o["value"]) if o["value"].strip() else 0 for o in row["options"]]
    return counts


@login_required
@require_http_methods(["GET", "POST"])
def paper_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's paper counts (newest first) and, for county admins, the form that enters one."""
    round_ = _round(request, pk)
    can_enter = ev_rules.can_manage_rounds(request.user)
    if request.method == "POST" and not can_enter:
        raise PermissionDenied
    subjects = _subjects(request, round_)
    groups = RoundGroup.objects.filter(round=round_).select_related("voter_group").order_by("pk")
    source = request.POST if request.method == "POST" else request.GET
    chosen_subject = _pick(subjects, source.get("subject", ""))
    chosen_group = _pick(groups, source.get("group", ""))
    indicators = domain.scheme_indicators(round_.scheme_id)
    rows = _count_rows(indicators, request.POST if request.method == "POST" else None)
    errors: list[str] = []
    if request.method == "POST":
        if chosen_subject is None or chosen_group is None:
            errors.append(_("Choose the subject and the voter group of the paper ballots."))
        else:
            raw_ballots = request.POST.get("ballots", "").strip()
            try:
                entry = domain.enter_paper_count(
                    round_, subject=chosen_subject, group=chosen_group, counts=_counts(rows),
                    ballots=_number(raw_ballots) if raw_ballots else None, note=request.POST.get("note", ""),
                    by=request.user,
                )
            except DomainError as error:
                errors.extend(error.messages)
            else:
                messages.success(request, _("The count was entered. A second county admin must now confirm it."))
                return redirect("evaluation:paper_entry", pk=round_.pk, entry=entry.pk)
    entries = (
        PaperCount.objects.filter(round=round_, subject__in=subjects_visible_to(request.user))
        .select_related("subject__organization", "subject__member", "group__voter_group", "entered_by", "decided_by")
        .order_by("-entered_at", "-pk")
    )
    context = {
        "round": round_,
        "page": Paginator(entries, PER_PAGE).get_page(request.GET.get("page")),
        "can_enter": can_enter and round_.state in ENTRY_STATES,
        "subjects": subjects if can_enter else [],
        "groups": groups,
        "chosen_subject": chosen_subject,
        "chosen_group": chosen_group,
        "rows": rows,
        "ballots": request.POST.get("ballots", ""),
        "note": request.POST.get("note", ""),
        "errors": errors,
        "score_max": SCORE_MAX,
    }
    return render(request, "evaluation/paper/list.html", context)


def _table(entry: PaperCount, indicators: list[Indicator]) -> list[dict]:
    """Each question with its counts per option, or its scores, as entered."""
    table = []
    for ind in indicators:
        values = entry.counts.get(str(ind.pk), [])
        if ind.scale == Scale.SCORE100:
            mean = sum(values) / len(values) if values else None
            table.append({"indicator": ind, "is_score": True, "scores": values, "mean": mean})
        else:
            table.append({"indicator": ind, "is_score": False,
                          "options": list(zip(ind.option_labels, values, strict=False))})
    return table


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request: HttpRequest, pk: int, entry: int) -> HttpResponse:
    """One paper count; county admins confirm it (a second admin) or reject it with a reason."""
    round_ = _round(request, pk)
    entry_ = get_object_or_404(
        PaperCount.objects.filter(round=round_, subject__in=subjects_visible_to(request.user))
        .select_related("subject__organization", "subject__member", "group__voter_group", "entered_by", "decided_by"),
        pk=entry,
    )
    can_decide = ev_rules.can_manage_rounds(request.user)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "confirm":
                domain.confirm_paper_count(entry_, by=request.user)
                messages.success(request, _("The count was confirmed: its %(n)d ballots are counted.") % {
                    "n": entry_.ballots})
                if TallyResult.objects.filter(round=round_).exists():
                    messages.warning(request, _("This round was already counted: count it again to include "
                                                "these ballots."))
                return redirect("evaluation:paper_entry", pk=round_.pk, entry=entry_.pk)
            if action == "reject":
                domain.reject_paper_count(entry_, reason=request.POST.get("reason", ""), by=request.user)
                messages.success(request, _("The count was rejected; none of its ballots are counted."))
                return redirect("evaluation:paper_entry", pk=round_.pk, entry=entry_.pk)
            errors.append(_("Choose to confirm or to reject the count."))
            status = 400
        except DomainError as error:
            errors.extend(error.messages)
    rejection = (
        AuditEntry.objects.filter(action="evaluation.paper.reject", object_type="evaluation.papercount",
                                  object_id=str(entry_.pk)).values_list("after", flat=True).first()
    )
    context = {
        "round": round_,
        "entry": entry_,
        "table": _table(entry_, domain.scheme_indicators(round_.scheme_id)),
        "can_decide": can_decide and entry_.status == PaperStatus.PENDING,
        "entered_by_me": entry_.entered_by_id == request.user.pk,
        "reason": (rejection or {}).get("reason", ""),
        "typed_reason": request.POST.get("reason", ""),
        "errors": errors,
    }
    return render(request, "evaluation/paper/detail.html", context, status=status)
