"""Writes of the escalation ladder, supervision notices (督办) and accountability cases
(效能问责).

A case moves open → responded → closed. Findings and sanctions are recorded while it is
open or responded; the unit's admins respond; an inspector closes it with a decision, after
which nothing changes and its sanctions count against the unit in evaluation (sources.py).
"""
from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.orgs.models import Organization

from .. import rules as a_rules
from ..enums import SANCTION_POINTS, CaseSource, CaseStatus, EscalationAction, NoticeStatus, Sanction
from ..models import AccountabilityCase, CaseSanction, EscalationStep, KeyTask, SupervisionNotice
from .common import forbid, optional_text, refuse, required_text

MAX_STEPS = 10
#: Days a unit has to answer a supervision notice the ladder issues.
NOTICE_ANSWER_DAYS = 7


def set_ladder(rows: Sequence[dict], *, by) -> list[EscalationStep]:
    """Replace the county's ladder by `rows` ({days_late, action}); steps no longer named go
    out of force but stay, as the escalations they made refer to them."""
    forbid(a_rules.can_manage_tasks(by), _("Only county admins define the escalation ladder."))
    if not rows:
        refuse(_("The ladder needs at least one step."), "ladder_empty")
    if len(rows) > MAX_STEPS:
        refuse(_("At most %(n)d steps.") % {"n": MAX_STEPS}, "ladder_long")
    clean = []
    for n, row in enumerate(rows, start=1):
        days, action = row.get("days_late"), row.get("action")
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
            refuse(_("Step %(n)d: days late is a whole number from 1 to 365.") % {"n": n}, "step_days")
        if action not in EscalationAction.values:
            refuse(_("Step %(n)d: choose one of the listed actions.") % {"n": n}, "step_action")
        clean.append((days, action))
    days = [d for d, _a in clean]
    if len(set(days)) != len(days):
        refuse(_("Two steps have the same number of days late (%(days)d).")
               % {"days": next(d for d in days if days.count(d) > 1)}, "step_duplicate")
    clean.sort()
    with transaction.atomic():
        current = list(EscalationStep.objects.select_for_update().filter(is_active=True))
        before = [{"days_late": s.days_late, "action": s.action} for s in current]
        by_key = {(s.days_late, s.action): s for s in current}
        keep = [by_key[key] for key in clean if key in by_key]
        EscalationStep.objects.filter(is_active=True).exclude(pk__in=[s.pk for s in keep]).update(is_active=False)
        steps = []
        for key in clean:
            steps.append(by_key.get(key) or EscalationStep.objects.create(days_late=key[0], action=key[1]))
        audit.record("accountability.ladder.set", by=by, object_type="accountability.escalationstep",
                     object_repr=_("escalation ladder"), before={"steps": before},
                     after={"steps": [{"days_late": d, "action": a} for d, a in clean]})
    return steps


def _number(obj) -> None:
    """Number a notice or case after its row exists: year-id, unique without a counter row."""
    obj.number = f"{timezone.localtime(obj.issued_at if isinstance(obj, SupervisionNotice) else obj.opened_at):%Y}" \
                 f"-{obj.pk:04d}"
    obj.save(update_fields=["number"])


def issue_notice(task: KeyTask, *, by, text: str, respond_by: datetime.date | None = None,
                 audit_after: dict | None = None) -> SupervisionNotice:
    """A supervision notice to the task's lead unit (and its leader). `by` None is the
    escalation ladder; a person must be a county admin or an inspector."""
    if by is not None:
        forbid(a_rules.can_supervise(by), _("Only county admins and inspectors issue supervision notices."))
    text = required_text(text, field=_("What must be done"), limit=4000)
    today = timezone.localdate()
    respond_by = respond_by or today + datetime.timedelta(days=NOTICE_ANSWER_DAYS)
    if not isinstance(respond_by, datetime.date) or respond_by < today:
        refuse(_("The answer date must be today or later."), "respond_by_past")
    with transaction.atomic():
        notice = SupervisionNotice.objects.create(
            task=task, organization=task.lead_unit, text=text, respond_by=respond_by, issued_at=timezone.now(),
            issued_by=by if getattr(by, "is_authenticated", False) else None,
        )
        _number(notice)
        audit.record("accountability.notice.issue", by=by or "pacesetter escalate", obj=notice, after={
            **audit.snapshot(notice, ("number", "task", "organization", "text", "respond_by")), **(audit_after or {})})
    return notice


def answer_notice(notice: SupervisionNotice, *, by, response: str) -> SupervisionNotice:
    """The unit's answer to a supervision notice: what it has done or will do, by when."""
    response = required_text(response, field=_("Answer"), limit=4000)
    with transaction.atomic():
        notice = SupervisionNotice.objects.select_for_update(of=("self",)).select_related("organization").get(
            pk=notice.pk)
        forbid(a_rules.can_answer_for(by, notice), _("Only the unit's admins answer its supervision notices."))
        if notice.status == NoticeStatus.ANSWERED:
            refuse(_("This notice was already answered."), "already_answered")
        notice.status, notice.response = NoticeStatus.ANSWERED, response
        notice.answered_at, notice.answered_by = timezone.now(), by
        notice.save(update_fields=["status", "response", "answered_at", "answered_by"])
        audit.record("accountability.notice.answer", by=by, obj=notice, after={"response": response})
    return notice


def open_case(*, by, organization: Organization | None = None, task: KeyTask | None = None,
              findings: str = "") -> AccountabilityCase:
    """A case against a unit (a task's lead unit when a task is named). `by` None is the
    escalation ladder; a person must be an inspector."""
    if by is not None:
        forbid(a_rules.can_handle_cases(by), _("Only inspectors open accountability cases."))
    if task is not None:
        organization = organization or task.lead_unit
    if organization is None:
        refuse(_("Name the unit the case is against, or its key task."), "unit_required")
    findings = optional_text(findings, field=_("Findings"), limit=8000)
    with transaction.atomic():
        case = AccountabilityCase.objects.create(
            task=task, organization=organization, findings=findings, opened_at=timezone.now(),
            source=CaseSource.ESCALATION if by is None else CaseSource.INSPECTOR,
            opened_by=by if getattr(by, "is_authenticated", False) else None,
        )
        _number(case)
        audit.record("accountability.case.open", by=by or "pacesetter escalate", obj=case,
                     after=audit.snapshot(case, ("number", "task", "organization", "source", "findings")))
    return case


def _locked_case(case: AccountabilityCase) -> AccountabilityCase:
    return AccountabilityCase.objects.select_for_update(of=("self",)).select_related("organization").get(pk=case.pk)


def _still_open(case: AccountabilityCase) -> None:
    if case.status == CaseStatus.CLOSED:
        refuse(_("The case is closed; nothing in it changes any more."), "case_closed")


def record_findings(case: AccountabilityCase, *, by, findings: str) -> AccountabilityCase:
    findings = required_text(findings, field=_("Findings"), limit=8000)
    with transaction.atomic():
        case = _locked_case(case)
        forbid(a_rules.can_handle_cases(by), _("Only inspectors record findings."))
        _still_open(case)
        before = {"findings": case.findings}
        case.findings = findings
        case.save(update_fields=["findings"])
        audit.record("accountability.case.findings", by=by, obj=case, before=before, after={"findings": findings})
    return case


def add_sanction(case: AccountabilityCase, *, by, kind: str, points: int | None = None, person: str = "",
                 note: str = "", imposed_on: datetime.date | None = None) -> CaseSanction:
    """A sanction in an open case; `points` defaults to the measures' points for the kind."""
    if kind not in Sanction.values:
        refuse(_("Choose one of the listed sanctions."), "sanction_invalid")
    points = SANCTION_POINTS[Sanction(kind)] if points is None else points
    if isinstance(points, bool) or not isinstance(points, int) or not 0 <= points <= 100:
        refuse(_("A deduction is a whole number of points from 0 to 100."), "points_invalid")
    person = optional_text(person, field=_("Person concerned"), limit=50)
    note = optional_text(note, field=_("Note"), limit=500)
    today = timezone.localdate()
    imposed_on = imposed_on or today
    if imposed_on > today:
        refuse(_("A sanction cannot be dated in the future."), "sanction_future")
    with transaction.atomic():
        case = _locked_case(case)
        forbid(a_rules.can_handle_cases(by), _("Only inspectors decide sanctions."))
        _still_open(case)
        sanction = CaseSanction.objects.create(case=case, kind=kind, points=points, person=person, note=note,
                                               imposed_on=imposed_on, created_by=by)
        audit.record("accountability.case.sanction", by=by, obj=case, after={
            "sanction": sanction.pk, "kind": kind, "points": points, "person": person, "imposed_on": imposed_on})
    return sanction


def remove_sanction(sanction: CaseSanction, *, by) -> None:
    with transaction.atomic():
        case = _locked_case(sanction.case)
        forbid(a_rules.can_handle_cases(by), _("Only inspectors decide sanctions."))
        _still_open(case)
        before = audit.snapshot(sanction, ("kind", "points", "person", "imposed_on"))
        sanction.delete()
        audit.record("accountability.case.sanction_removed", by=by, obj=case, before=before)


def respond_case(case: AccountabilityCase, *, by, response: str) -> AccountabilityCase:
    """The unit's response (explanation, rectification); it may be revised until the case closes."""
    response = required_text(response, field=_("Response"), limit=8000)
    with transaction.atomic():
        case = _locked_case(case)
        forbid(a_rules.can_answer_for(by, case), _("Only the unit's admins respond to its cases."))
        _still_open(case)
        before = {"response": case.response, "status": case.status}
        case.response, case.responded_at, case.status = response, timezone.now(), CaseStatus.RESPONDED
        case.save(update_fields=["response", "responded_at", "status"])
        audit.record("accountability.case.respond", by=by, obj=case, before=before, after={"response": response})
    return case


def close_case(case: AccountabilityCase, *, by, decision: str) -> AccountabilityCase:
    """The closing decision; from now on the sanctions are final and count in evaluation."""
    decision = required_text(decision, field=_("Closing decision"), limit=4000)
    with transaction.atomic():
        case = _locked_case(case)
        forbid(a_rules.can_handle_cases(by), _("Only inspectors close accountability cases."))
        _still_open(case)
        if not case.findings:
            refuse(_("Record the findings before closing the case."), "findings_required")
        case.decision, case.closed_at, case.closed_by, case.status = decision, timezone.now(), by, CaseStatus.CLOSED
        case.save(update_fields=["decision", "closed_at", "closed_by", "status"])
        audit.record("accountability.case.close", by=by, obj=case, after={
            "decision": decision, "sanctions": list(case.sanctions.values("kind", "points", "imposed_on"))})
    return case
