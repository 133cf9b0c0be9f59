"""Accountability cases (效能问责): the list with its counts and a chart of the sanctions, and
one case with its findings, sanctions, the unit's response, the decision and the timeline of
its steps read back from the audit log. The forms on the case page post to cases_actions."""
from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from pacesetter.core.models import AuditEntry
from pacesetter.orgs.views.common import CappedPaginator

from .. import rules as a_rules
from ..enums import CaseStatus, Sanction
from ..forms_cases import (
    CaseFilter,
    DecisionForm,
    FindingsForm,
    ResponseForm,
    SanctionForm,
)
from ..models import AccountabilityCase, CaseSanction
from ..queries import cases_visible_to
from .cases_common import PER_PAGE, AreaMixin

RELATED = ("task", "organization", "opened_by")
CASE_TYPE = AccountabilityCase._meta.label_lower
#: The name the escalation command writes into the audit log as its actor.
LADDER_ACTOR = "pacesetter escalate"


def _sanction_total(field: str):
    rows = CaseSanction.objects.filter(case=OuterRef("pk")).order_by().values("case")
    value = Count("pk") if field == "count" else Sum("points")
    return Coalesce(Subquery(rows.annotate(v=value).values("v"), output_field=IntegerField()), 0)


def status_counts(qs) -> dict[str, int]:
    """Cases per status among `qs`, every status present; one query."""
    counts = dict.fromkeys(CaseStatus.values, 0)
    counts.update(dict(qs.order_by().values_list("status").annotate(n=Count("pk"))))
    return counts


def sanctions_by_kind(qs) -> list[dict]:
    """Sanctions in the cases of `qs` per kind, with their points, for the chart; one query."""
    rows = {kind: (n, points) for kind, n, points in CaseSanction.objects.filter(case__in=qs.values("pk"))
            .order_by().values_list("kind").annotate(n=Count("pk"), points=Sum("points"))}
    return [{"kind": kind, "label": str(label), "count": rows.get(kind, (0, 0))[0],
             "points": rows.get(kind, (0, 0))[1]} for kind, label in Sanction.choices]


class CaseList(AreaMixin, TemplateView):
    template_name = "accountability/case/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        filter_ = CaseFilter(self.request.GET)
        visible = cases_visible_to(user)
        qs = filter_.apply(visible).select_related(*RELATED).annotate(
            sanction_count=_sanction_total("count"), sanction_points=_sanction_total("points"),
        ).order_by("-opened_at", "-id")
        by_kind = sanctions_by_kind(visible)
        counts = status_counts(visible)
        ctx.update(
            filter=filter_,
            page=CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
            query_string=filter_.querystring(),
            counts=[(status, label, counts[status]) for status, label in CaseStatus.choices],
            by_kind=by_kind,
            chart={"labels": [r["label"] for r in by_kind], "counts": [r["count"] for r in by_kind],
                   "points": [r["points"] for r in by_kind], "names": {"count": _("sanctions"),
                                                                       "points": _("points deducted")}},
            has_sanctions=any(r["count"] for r in by_kind),
            can_open=a_rules.can_handle_cases(user),
        )
        return ctx


def _describe(entry: AuditEntry, kinds: dict) -> str:
    after, before = entry.after or {}, entry.before or {}
    if entry.action == "accountability.case.open":
        return _("Case opened")
    if entry.action == "accountability.case.findings":
        return _("Findings recorded")
    if entry.action == "accountability.case.sanction":
        return _("Sanction: %(kind)s, %(points)s points") % {
            "kind": kinds.get(after.get("kind"), after.get("kind")), "points": after.get("points")}
    if entry.action == "accountability.case.sanction_removed":
        return _("Sanction removed: %(kind)s") % {"kind": kinds.get(before.get("kind"), before.get("kind"))}
    if entry.action == "accountability.case.respond":
        return _("The unit responded")
    if entry.action == "accountability.case.close":
        return _("Case closed")
    return entry.action


def timeline(case: AccountabilityCase) -> list[dict]:
    """Every step of the case, oldest first, from its audit entries; one query."""
    kinds = dict(Sanction.choices)
    entries = AuditEntry.objects.filter(object_type=CASE_TYPE, object_id=str(case.pk)).order_by("id")
    return [{
        "at": entry.at,
        "what": _describe(entry, kinds),
        "who": _("the escalation ladder") if entry.actor_id is None and entry.actor_name == LADDER_ACTOR
        else entry.actor_name,
    } for entry in entries.only("at", "action", "actor_id", "actor_name", "before", "after")]


class CaseDetail(AreaMixin, TemplateView):
    """The case's page; each form on it posts to its own URL and comes back here when refused."""

    template_name = "accountability/case/detail.html"

    def load(self, request, pk):
        self.case = get_object_or_404(
            cases_visible_to(request.user).select_related(*RELATED, "task__leader", "closed_by"), pk=pk)

    def get_context_data(self, **forms):
        ctx = super().get_context_data()
        user, case = self.request.user, self.case
        is_open = case.status != CaseStatus.CLOSED
        can_handle = is_open and a_rules.can_handle_cases(user)
        can_respond = is_open and a_rules.can_answer_for(user, case)
        sanctions = list(case.sanctions.order_by("id"))
        ctx.update(
            case=case,
            sanctions=sanctions,
            sanction_points=sum(s.points for s in sanctions),
            timeline=timeline(case),
            can_handle=can_handle,
            can_respond=can_respond,
            findings_form=forms.get("findings_form") or (
                FindingsForm(initial={"findings": case.findings}) if can_handle else None),
            sanction_form=forms.get("sanction_form") or (SanctionForm() if can_handle else None),
            close_form=forms.get("close_form") or (DecisionForm() if can_handle else None),
            response_form=forms.get("response_form") or (
                ResponseForm(initial={"response": case.response}) if can_respond else None),
        )
        return ctx
