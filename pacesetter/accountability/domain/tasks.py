"""Writes of key tasks: create and plan (county admins), report progress (the lead unit),
sign off (the leader and the units), complete or suspend.

Each function owns its transaction, a row lock on the task and its audit entry. The task
keeps the figures of its latest report (progress, last report, next report due) so reading
a dashboard never reads reports.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.uploads import check_upload
from pacesetter.orgs.models import Goal, Leader, Organization
from pacesetter.orgs.validators import validate_code

from .. import rules as a_rules
from ..enums import KeyTaskKind, KeyTaskStatus, SignOffParty
from ..models import KeyTask, Milestone, ProgressReport, ReportEvidence, SignOff
from .common import forbid, optional_text, percent, refuse, required_text

TASK_FIELDS = (
    "code", "title", "kind", "description", "leader", "lead_unit", "goal", "budget", "planned_start", "planned_end",
    "report_every_days",
)
MAX_MILESTONES = 30
MAX_FILES = 10


def _locked(task: KeyTask) -> KeyTask:
    return KeyTask.objects.select_related("leader", "lead_unit").select_for_update(of=("self",)).get(pk=task.pk)


def _snapshot(task: KeyTask) -> dict:
    data = audit.snapshot(task, (*TASK_FIELDS, "status"))
    data["supporting_units"] = sorted(task.supporting_units.values_list("pk", flat=True)) if task.pk else []
    return data


def _check_fields(fields: dict, *, task: KeyTask | None) -> dict:
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise ValueError(f"unknown key task fields: {sorted(unknown)}")
    clean = dict(fields)
    for name, limit in (("title", 200), ("code", 32)):
        if name in clean:
            clean[name] = required_text(clean[name], field=KeyTask._meta.get_field(name).verbose_name, limit=limit)
    if "code" in clean:
        try:
            validate_code(clean["code"])
        except ValidationError as exc:
            refuse(" ".join(exc.messages), "code_invalid")
    if "description" in clean:
        clean["description"] = optional_text(clean["description"], field=_("Description"), limit=8000)
    if "kind" in clean and clean["kind"] not in KeyTaskKind.values:
        refuse(_("Choose one of the listed kinds of key task."), "kind_invalid")
    for name, model in (("leader", Leader), ("lead_unit", Organization), ("goal", Goal)):
        if name in clean and clean[name] is not None and not isinstance(clean[name], model):
            raise ValueError(f"{name} must be a {model.__name__}")
    if clean.get("leader") is None and (task is None or "leader" in clean):
        refuse(_("Name the responsible county-level leader."), "leader_required")
    if clean.get("lead_unit") is None and (task is None or "lead_unit" in clean):
        refuse(_("Name the lead unit."), "lead_unit_required")
    if "budget" in clean and clean["budget"] not in (None, ""):
        try:
            clean["budget"] = Decimal(str(clean["budget"]))
        except InvalidOperation:
            refuse(_("The budget is a number of 10,000 yuan."), "budget_invalid")
        if not clean["budget"].is_finite() or clean["budget"] < 0 or clean["budget"] >= Decimal("1e10"):
            refuse(_("The budget is a number of 10,000 yuan, not negative."), "budget_invalid")
    elif "budget" in clean:
        clean["budget"] = None
    if "report_every_days" in clean:
        days = clean["report_every_days"]
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 366:
            refuse(_("Report every 1 to 366 days."), "period_invalid")
    start = clean.get("planned_start", task.planned_start if task else None)
    end = clean.get("planned_end", task.planned_end if task else None)
    if not isinstance(start, datetime.date) or not isinstance(end, datetime.date):
        refuse(_("Give the planned start and end dates."), "dates_required")
    if end < start:
        refuse(_("The planned end (%(end)s) is before the planned start (%(start)s).")
               % {"end": end.isoformat(), "start": start.isoformat()}, "dates_order")
    return clean


def _check_supporting(units: Iterable[Organization], lead_unit: Organization) -> list[Organization]:
    units = list(dict.fromkeys(units))
    if any(u.pk == lead_unit.pk for u in units):
        refuse(_("The lead unit %(unit)s cannot also be a supporting unit.") % {"unit": lead_unit.name},
               "supporting_is_lead")
    if len(units) > 50:
        refuse(_("At most 50 supporting units."), "too_many_units")
    return units


def _check_milestones(rows: Sequence[dict], task: KeyTask) -> list[dict]:
    """Rows of {title, due_on, weight[, id]}: titles given, due within the planned dates,
    weights whole numbers that total 100."""
    if not rows:
        refuse(_("Plan at least one milestone."), "milestones_required")
    if len(rows) > MAX_MILESTONES:
        refuse(_("At most %(n)d milestones.") % {"n": MAX_MILESTONES}, "too_many_milestones")
    clean = []
    for n, row in enumerate(rows, start=1):
        title = required_text(row.get("title"), field=_("Milestone %(n)d: title") % {"n": n}, limit=200)
        due = row.get("due_on")
        if not isinstance(due, datetime.date):
            refuse(_("Milestone %(n)d: give its due date.") % {"n": n}, "milestone_due")
        if not task.planned_start <= due <= task.planned_end:
            refuse(_("Milestone %(n)d is due on %(due)s, outside the planned dates %(start)s to %(end)s.")
                   % {"n": n, "due": due.isoformat(), "start": task.planned_start.isoformat(),
                      "end": task.planned_end.isoformat()}, "milestone_outside")
        weight = row.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 100:
            refuse(_("Milestone %(n)d: its weight is a whole percentage from 1 to 100.") % {"n": n},
                   "milestone_weight")
        clean.append({"id": row.get("id"), "title": title, "due_on": due, "weight": weight})
    total = sum(r["weight"] for r in clean)
    if total != 100:
        refuse(_("The milestones' weights total %(total)d%%; they must total 100%%.") % {"total": total},
               "weights_total")
    return clean


#: Words that name pages under /tasks/ (urls_tasks.py), so no task may take them as its code.
RESERVED_CODES = frozenset({"mine", "unit", "gantt", "new", "export.xlsx", "evidence", "reports"})


def create_task(*, by, supporting_units: Iterable[Organization] = (), milestones: Sequence[dict] = (),
                **fields) -> KeyTask:
    """A new key task with its milestones (weights totalling 100); county admins only."""
    forbid(a_rules.can_manage_tasks(by), _("Only county admins create key tasks."))
    clean = _check_fields(fields, task=None)
    if clean["code"].lower() in RESERVED_CODES:
        refuse(_("“%(code)s” names a page; choose another code.") % {"code": clean["code"]}, "code_reserved")
    clean.setdefault("kind", KeyTaskKind.KEY_WORK)
    units = _check_supporting(supporting_units, clean["lead_unit"])
    with transaction.atomic():
        if KeyTask.objects.filter(code=clean["code"]).exists():
            refuse(_("A key task with the code %(code)s already exists.") % {"code": clean["code"]}, "code_taken")
        task = KeyTask(**clean)
        task.next_report_due = task.planned_start + datetime.timedelta(days=task.report_every_days)
        plan = _check_milestones(milestones, task)
        task.save()
        task.supporting_units.set(units)
        Milestone.objects.bulk_create(Milestone(task=task, **{k: v for k, v in r.items() if k != "id"}) for r in plan)
        audit.record("accountability.task.create", by=by, obj=task,
                     after={**_snapshot(task), "milestones": [audit.jsonable(r) for r in plan]})
    return task


def update_task(task: KeyTask, *, by, supporting_units: Iterable[Organization] | None = None, **changes) -> KeyTask:
    """Change a task's particulars; county admins only. Changing the reporting period moves
    the next report's due day to match it."""
    forbid(a_rules.can_manage_tasks(by), _("Only county admins change key tasks."))
    changes.pop("code", None)
    clean = _check_fields(changes, task=task)
    with transaction.atomic():
        task = _locked(task)
        before = _snapshot(task)
        for name, value in clean.items():
            setattr(task, name, value)
        if "report_every_days" in clean:
            task.next_report_due = (task.last_report_on or task.planned_start) + datetime.timedelta(
                days=task.report_every_days)
        outside = task.milestones.exclude(due_on__range=(task.planned_start, task.planned_end)).first()
        if outside is not None:
            refuse(_("The milestone “%(title)s” is due on %(due)s, outside the new planned dates.")
                   % {"title": outside.title, "due": outside.due_on.isoformat()}, "milestone_outside")
        task.save()
        if supporting_units is not None:
            task.supporting_units.set(_check_supporting(supporting_units, task.lead_unit))
        audit.record("accountability.task.update", by=by, obj=task, before=before, after=_snapshot(task))
    return task


def plan_milestones(task: KeyTask, rows: Sequence[dict], *, by) -> list[Milestone]:
    """Replace the task's plan by `rows` ({id?, title, due_on, weight}); a row with the id of
    an existing milestone keeps it (and whether it is done), the others are new, milestones
    not named are removed unless done (done ones stay on record)."""
    forbid(a_rules.can_manage_tasks(by), _("Only county admins plan key tasks."))
    with transaction.atomic():
        task = _locked(task)
        plan = _check_milestones(rows, task)
        existing = {m.pk: m for m in task.milestones.all()}
        named = {r["id"] for r in plan if r["id"] is not None}
        unknown = named - set(existing)
        if unknown:
            refuse(_("Milestone %(id)s is not one of this task's.") % {"id": min(unknown)}, "milestone_unknown")
        dropped_done = [m for pk, m in existing.items() if pk not in named and m.done_on]
        if dropped_done:
            refuse(_("The milestone “%(title)s” is done and stays in the plan.") % {"title": dropped_done[0].title},
                   "milestone_done")
        before = [audit.snapshot(m, ("title", "due_on", "weight", "done_on")) | {"id": m.pk} for m in existing.values()]
        Milestone.objects.filter(task=task).exclude(pk__in=named).delete()
        kept = []
        for row in plan:
            if row["id"] is not None:
                m = existing[row["id"]]
                m.title, m.due_on, m.weight = row["title"], row["due_on"], row["weight"]
                m.save(update_fields=["title", "due_on", "weight"])
            else:
                m = Milestone.objects.create(task=task, title=row["title"], due_on=row["due_on"], weight=row["weight"])
            kept.append(m)
        audit.record("accountability.task.plan", by=by, obj=task, before={"milestones": before},
                     after={"milestones": [audit.snapshot(m, ("title", "due_on", "weight", "done_on")) | {"id": m.pk}
                                           for m in kept]})
    return sorted(kept, key=lambda m: (m.due_on, m.pk))


def set_task_status(task: KeyTask, *, by, status: str, note: str = "") -> KeyTask:
    """Mark a task completed, suspended or in progress again; county admins only."""
    forbid(a_rules.can_manage_tasks(by), _("Only county admins change the state of key tasks."))
    if status not in KeyTaskStatus.values:
        refuse(_("Choose one of the listed states."), "status_invalid")
    note = optional_text(note, field=_("Note"), limit=1000)
    with transaction.atomic():
        task = _locked(task)
        if task.status == status:
            refuse(_("The task is already %(status)s.") % {"status": task.get_status_display()}, "status_same")
        before = {"status": task.status, "completed_on": task.completed_on}
        task.status = status
        task.completed_on = timezone.localdate() if status == KeyTaskStatus.COMPLETED else None
        task.save(update_fields=["status", "completed_on", "updated_at"])
        audit.record("accountability.task.status", by=by, obj=task, before=before,
                     after={"status": status, "completed_on": task.completed_on, "note": note})
    return task


def submit_report(task: KeyTask, *, by, percent_done: int, narrative: str, milestones_done: Iterable[int] = (),
                  files: Sequence = (), reported_on: datetime.date | None = None) -> ProgressReport:
    """The lead unit's progress report: percent done, what was done, the milestones reached,
    evidence files. The next report falls due one reporting period after it.

    Files are checked (type by content, size) before anything is written; a refusal leaves
    the task and the storage unchanged."""
    percent_done = percent(percent_done, field=_("Progress"))
    narrative = required_text(narrative, field=_("What was done"), limit=4000)
    today = timezone.localdate()
    reported_on = reported_on or today
    if reported_on > today:
        refuse(_("A report cannot be dated in the future (%(day)s).") % {"day": reported_on.isoformat()},
               "report_future")
    if len(files) > MAX_FILES:
        refuse(_("At most %(n)d files per report.") % {"n": MAX_FILES}, "too_many_files")
    checked = [check_upload(f) for f in files]
    done_ids = set(milestones_done)
    stored: list[ReportEvidence] = []
    try:
        with transaction.atomic():
            task = _locked(task)
            forbid(a_rules.can_report_progress(by, task), _("Only the lead unit's admins report progress."))
            if task.status != KeyTaskStatus.ACTIVE:
                refuse(_("The task is %(status)s; reports are taken only while it is in progress.")
                       % {"status": task.get_status_display()}, "task_not_active")
            if task.last_report_on and reported_on < task.last_report_on:
                refuse(_("A report dated %(day)s already exists; a new report cannot be dated before it.")
                       % {"day": task.last_report_on.isoformat()}, "report_order")
            milestones = {m.pk: m for m in task.milestones.filter(pk__in=done_ids)}
            if set(milestones) != done_ids:
                refuse(_("Milestone %(id)s is not one of this task's.") % {"id": min(done_ids - set(milestones))},
                       "milestone_unknown")
            already = [m for m in milestones.values() if m.done_on]
            if already:
                refuse(_("The milestone “%(title)s” was already reported done on %(day)s.")
                       % {"title": already[0].title, "day": already[0].done_on.isoformat()}, "milestone_done")
            before = {"progress": task.progress, "last_report_on": task.last_report_on,
                      "next_report_due": task.next_report_due}
            report = ProgressReport.objects.create(
                task=task, reported_on=reported_on, percent=percent_done, narrative=narrative,
                organization=task.lead_unit, created_by=by if getattr(by, "is_authenticated", False) else None,
            )
            Milestone.objects.filter(pk__in=done_ids).update(done_on=reported_on, done_in=report)
            task.progress = percent_done
            task.last_report_on = reported_on
            task.next_report_due = reported_on + datetime.timedelta(days=task.report_every_days)
            task.save(update_fields=["progress", "last_report_on", "next_report_due", "updated_at"])
            stored = ReportEvidence.store(checked, report=report)
            audit.record("accountability.task.report", by=by, obj=task, before=before, after={
                "report": report.pk, "progress": percent_done, "last_report_on": reported_on,
                "next_report_due": task.next_report_due, "milestones_done": sorted(done_ids),
                "evidence": [e.sha256 for e in stored]})
    except Exception:
        for e in stored:
            e.file.delete(save=False)
            if e.thumbnail:
                e.thumbnail.delete(save=False)
        raise
    return report


def sign_report(report: ProgressReport, *, by, comment: str = "") -> ProgressReport:
    """The responsible leader signs off a progress report, with an optional comment."""
    comment = optional_text(comment, field=_("Comment"), limit=2000)
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update(of=("self",)).select_related("task__leader").get(pk=report.pk)
        forbid(a_rules.is_task_leader(by, report.task), _("Only the responsible leader signs off progress reports."))
        if report.leader_signed_at:
            refuse(_("This report was already signed off."), "already_signed")
        report.leader_signed_at = timezone.now()
        report.leader_comment = comment
        report.save(update_fields=["leader_signed_at", "leader_comment"])
        audit.record("accountability.report.sign", by=by, obj=report.task,
                     after={"report": report.pk, "comment": comment})
    return report


def sign_off_task(task: KeyTask, *, by, party: str, organization: Organization | None = None,
                  note: str = "") -> SignOff:
    """The leader's, the lead unit's or a supporting unit's acceptance of the task."""
    if party not in SignOffParty.values:
        refuse(_("Choose who signs: the leader, the lead unit or a supporting unit."), "party_invalid")
    note = optional_text(note, field=_("Note"), limit=500)
    with transaction.atomic():
        task = _locked(task)
        if party == SignOffParty.LEADER:
            forbid(a_rules.is_task_leader(by, task), _("Only the responsible leader signs for the leader."))
            organization = None
            exists = task.sign_offs.filter(party=party).exists()
        else:
            if party == SignOffParty.LEAD_UNIT:
                organization = task.lead_unit
            elif organization is None or not task.supporting_units.filter(pk=organization.pk).exists():
                refuse(_("That unit is not one of the task's supporting units."), "not_supporting")
            forbid(a_rules.can_sign_for_unit(by, organization), _("Only the unit's admins sign for the unit."))
            exists = task.sign_offs.filter(organization=organization).exclude(party=SignOffParty.LEADER).exists()
        if exists:
            refuse(_("This party has already signed off the task."), "already_signed")
        sign_off = SignOff.objects.create(
            task=task, party=party, organization=organization, signed_by=by, signed_at=timezone.now(), note=note
        )
        audit.record("accountability.task.sign_off", by=by, obj=task,
                     after={"party": party, "organization": organization.pk if organization else None, "note": note})
    return sign_off
