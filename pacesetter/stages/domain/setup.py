"""Setting up a campaign's stages and their checklists (county admins), or copying them
from another campaign.

Dates are checked against each other and refused under the field they concern: a stage
lies inside its campaign's period, after the stages before it and before those after it,
with no overlap; a task's deadline lies inside its stage.
"""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.orgs.enums import OrgLevel, Sector

from .. import checks
from .. import rules as s_rules
from ..enums import STAGE_ORDER, StageKind
from ..models import Stage, StageTask

TASK_FIELDS = ("title", "description", "check_kind", "due_on", "level", "sector")


def _forbid_unless_admin(by) -> None:
    if not s_rules.can_set_up_stages(by):
        raise PermissionDeniedError(_("Only county admins set up campaign stages."), code="forbidden")


def _refuse(field: str, message: str, code: str):
    raise DomainError({field: DomainError(message, code=code)})


def _check_dates(campaign, kind: str, starts_on, ends_on, *, stage: Stage | None = None) -> None:
    for name, value in (("starts_on", starts_on), ("ends_on", ends_on)):
        if not isinstance(value, datetime.date):
            _refuse(name, _("Give a date."), "date_required")
    if starts_on < campaign.starts_on:
        _refuse("starts_on", _("The stage cannot start before the campaign (%(day)s).")
                % {"day": campaign.starts_on.isoformat()}, "before_campaign")
    if ends_on > campaign.ends_on:
        _refuse("ends_on", _("The stage cannot end after the campaign (%(day)s).")
                % {"day": campaign.ends_on.isoformat()}, "after_campaign")
    if ends_on < starts_on:
        _refuse("ends_on", _("The stage cannot end before it starts."), "dates_order")
    position = STAGE_ORDER.index(kind)
    others = Stage.objects.filter(campaign=campaign).exclude(pk=getattr(stage, "pk", None))
    for other in others:
        label = other.get_kind_display()
        if STAGE_ORDER.index(other.kind) < position and starts_on <= other.ends_on:
            _refuse("starts_on", _("The stage must start after “%(stage)s” ends (%(day)s).")
                    % {"stage": label, "day": other.ends_on.isoformat()}, "overlap")
        if STAGE_ORDER.index(other.kind) > position and ends_on >= other.starts_on:
            _refuse("ends_on", _("The stage must end before “%(stage)s” starts (%(day)s).")
                    % {"stage": label, "day": other.starts_on.isoformat()}, "overlap")
    if stage is not None:
        outside = stage.tasks.exclude(due_on__range=(starts_on, ends_on)).order_by("due_on").first()
        if outside is not None:
            _refuse("starts_on" if outside.due_on < starts_on else "ends_on",
                    _("The task “%(task)s” is due on %(day)s, outside these dates: move it first.")
                    % {"task": outside.title, "day": outside.due_on.isoformat()}, "task_outside")


def create_stage(campaign, *, by, kind: str, starts_on, ends_on) -> Stage:
    _forbid_unless_admin(by)
    if kind not in StageKind.values:
        _refuse("kind", _("Choose one of the three stages."), "kind_invalid")
    with transaction.atomic():
        if Stage.objects.select_for_update().filter(campaign=campaign, kind=kind).exists():
            _refuse("kind", _("The campaign has this stage already."), "kind_taken")
        _check_dates(campaign, kind, starts_on, ends_on)
        stage = Stage.objects.create(campaign=campaign, kind=kind, starts_on=starts_on, ends_on=ends_on)
        audit.record("stages.create_stage", by=by, obj=stage, after=audit.snapshot(stage))
    return stage


def change_stage(stage: Stage, *, by, starts_on, ends_on) -> Stage:
    _forbid_unless_admin(by)
    with transaction.atomic():
        stage = Stage.objects.select_for_update().select_related("campaign").get(pk=stage.pk)
        before = audit.snapshot(stage)
        _check_dates(stage.campaign, stage.kind, starts_on, ends_on, stage=stage)
        stage.starts_on, stage.ends_on = starts_on, ends_on
        stage.save(update_fields=["starts_on", "ends_on"])
        audit.record("stages.change_stage", by=by, obj=stage, before=before, after=audit.snapshot(stage))
    return stage


def _clean_task(stage: Stage, fields: dict) -> dict:
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise ValueError(f"unknown stage task fields: {sorted(unknown)}")
    clean = {"description": "", "level": "", "sector": "", "check_kind": checks.MANUAL, **fields}
    clean["title"] = (clean.get("title") or "").strip()
    clean["description"] = (clean["description"] or "").strip()
    if not clean["title"]:
        _refuse("title", _("Give the task a title."), "title_required")
    if len(clean["title"]) > 200:
        _refuse("title", _("The title is longer than 200 characters."), "title_too_long")
    if clean["check_kind"] not in dict(checks.choices()):
        _refuse("check_kind", _("Choose how the task is done from the list."), "check_invalid")
    if clean["level"] not in ("", *OrgLevel.values):
        _refuse("level", _("Choose a level from the list."), "level_invalid")
    if clean["sector"] not in ("", *Sector.values):
        _refuse("sector", _("Choose a sector from the list."), "sector_invalid")
    due_on = clean.get("due_on")
    if not isinstance(due_on, datetime.date):
        _refuse("due_on", _("Give a date."), "date_required")
    if not stage.starts_on <= due_on <= stage.ends_on:
        _refuse("due_on", _("The deadline must lie inside the stage (%(start)s to %(end)s).")
                % {"start": stage.starts_on.isoformat(), "end": stage.ends_on.isoformat()}, "due_outside")
    return clean


def create_task(stage: Stage, *, by, **fields) -> StageTask:
    _forbid_unless_admin(by)
    with transaction.atomic():
        stage = Stage.objects.select_for_update().get(pk=stage.pk)
        task = StageTask.objects.create(stage=stage, **_clean_task(stage, fields))
        audit.record("stages.create_task", by=by, obj=task, after=audit.snapshot(task))
    return task


def change_task(task: StageTask, *, by, **fields) -> StageTask:
    _forbid_unless_admin(by)
    with transaction.atomic():
        task = StageTask.objects.select_for_update().select_related("stage").get(pk=task.pk)
        before = audit.snapshot(task)
        current = {name: getattr(task, name) for name in TASK_FIELDS}
        clean = _clean_task(task.stage, {**current, **fields})
        for name, value in clean.items():
            setattr(task, name, value)
        task.save(update_fields=list(TASK_FIELDS))
        audit.record("stages.change_task", by=by, obj=task, before=before, after=audit.snapshot(task))
    return task


def delete_task(task: StageTask, *, by) -> None:
    """Remove a task with whatever organisations marked on it (the audit entry keeps both)."""
    _forbid_unless_admin(by)
    with transaction.atomic():
        task = StageTask.objects.select_for_update().get(pk=task.pk)
        before = {**audit.snapshot(task), "completions": task.completions.count()}
        audit.record("stages.delete_task", by=by, obj=task, before=before)
        task.delete()


def copy_stages(campaign, *, source, by) -> list[Stage]:
    """The stages and tasks of `source` for `campaign`, every date moved by the distance
    between the two campaigns' starts; refused when the campaign has stages already or a
    moved date falls outside it."""
    _forbid_unless_admin(by)
    if source.pk == campaign.pk:
        _refuse("source", _("Choose another campaign to copy from."), "same_campaign")
    shift = campaign.starts_on - source.starts_on
    with transaction.atomic():
        if Stage.objects.select_for_update().filter(campaign=campaign).exists():
            _refuse("source", _("The campaign has stages already: copy only into a campaign without any."),
                    "has_stages")
        made = []
        originals = list(Stage.objects.filter(campaign=source).prefetch_related("tasks").order_by("starts_on"))
        if not originals:
            _refuse("source", _("That campaign has no stages to copy."), "no_stages")
        for original in originals:
            starts_on, ends_on = original.starts_on + shift, original.ends_on + shift
            try:
                _check_dates(campaign, original.kind, starts_on, ends_on)
            except DomainError as error:
                _refuse("source", _("Moved by %(days)d days, “%(stage)s” does not fit: %(why)s")
                        % {"days": shift.days, "stage": original.get_kind_display(), "why": " ".join(error.messages)},
                        "does_not_fit")
            stage = Stage.objects.create(campaign=campaign, kind=original.kind, starts_on=starts_on, ends_on=ends_on)
            StageTask.objects.bulk_create([
                StageTask(stage=stage, title=t.title, description=t.description, check_kind=t.check_kind,
                          due_on=t.due_on + shift, level=t.level, sector=t.sector)
                for t in original.tasks.all()
            ])
            made.append(stage)
        audit.record("stages.copy_stages", by=by, obj=campaign,
                     after={"source": source.pk, "stages": [s.pk for s in made], "shift_days": shift.days,
                            "tasks": sum(len(o.tasks.all()) for o in originals)})
    return made
