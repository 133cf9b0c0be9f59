"""Marking a manual task done for an organisation (its admins, or admins above it), with a
note and an optional evidence file, and its superior's sending it back.

Marking again after a sending back overwrites the day and the note; the evidence of every
marking is kept. Automatic tasks are never marked: their data says whether they are done.
"""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.uploads import check_upload

from .. import rules as s_rules
from ..enums import CompletionState
from ..models import CompletionEvidence, StageTask, TaskCompletion

NOTE_LIMIT = 2000
#: Evidence files are limited to this size (bytes) unless settings.STAGE_EVIDENCE_MAX_BYTES says otherwise.
DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

FIELDS = ("state", "done_on", "note", "done_by", "returned_reason", "returned_by")


def _evidence_max_bytes() -> int:
    from django.conf import settings

    return int(getattr(settings, "STAGE_EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES))


def _refuse(field: str, message: str, code: str):
    raise DomainError({field: DomainError(message, code=code)})


def _text(value, *, field: str, required: bool) -> str:
    text = (value or "").strip()
    if required and not text:
        _refuse(field, _("This field is required."), "required")
    if len(text) > NOTE_LIMIT:
        _refuse(field, _("Keep it under %(limit)d characters.") % {"limit": NOTE_LIMIT}, "too_long")
    return text


def mark_done(task: StageTask, organization, *, by, note: str = "", done_on: datetime.date | None = None,
              file=None) -> TaskCompletion:
    if not s_rules.can_mark_tasks(by, organization):
        raise PermissionDeniedError(_("Only the organisation's admins mark its tasks done."), code="forbidden")
    if not task.is_manual:
        _refuse("task", _("This task is done automatically, from the data it names."), "automatic")
    if not task.applies_to(organization.level, organization.sector):
        _refuse("task", _("This task does not apply to this organisation."), "not_applicable")
    today = timezone.localdate()
    done_on = done_on or today
    if done_on > today:
        _refuse("done_on", _("A task cannot be done on a day still to come."), "future")
    note = _text(note, field="note", required=False)
    checked = check_upload(file, max_bytes=_evidence_max_bytes()) if file is not None else None
    with transaction.atomic():
        completion = TaskCompletion.objects.select_for_update().filter(task=task, organization=organization).first()
        before = audit.snapshot(completion, FIELDS) if completion else None
        if completion is not None and completion.state == CompletionState.DONE:
            _refuse("task", _("The task is marked done already."), "already_done")
        completion = completion or TaskCompletion(task=task, organization=organization)
        completion.state, completion.done_on, completion.note, completion.done_by = (
            CompletionState.DONE, done_on, note, by)
        completion.save()
        if checked is not None:
            CompletionEvidence.store([checked], completion=completion)
        audit.record("stages.mark_done", by=by, obj=completion, before=before,
                     after={**audit.snapshot(completion, FIELDS), "evidence": checked is not None})
    return completion


def send_back(task: StageTask, organization, *, by, reason: str) -> TaskCompletion:
    if not s_rules.can_send_back(by, organization):
        raise PermissionDeniedError(_("Only an admin above the organisation sends its tasks back."),
                                    code="forbidden")
    reason = _text(reason, field="reason", required=True)
    with transaction.atomic():
        completion = TaskCompletion.objects.select_for_update().filter(task=task, organization=organization).first()
        if completion is None or completion.state != CompletionState.DONE:
            _refuse("task", _("Only a task marked done can be sent back."), "not_done")
        before = audit.snapshot(completion, FIELDS)
        completion.state, completion.returned_reason, completion.returned_by = CompletionState.RETURNED, reason, by
        completion.save(update_fields=["state", "returned_reason", "returned_by", "updated_at"])
        audit.record("stages.send_back", by=by, obj=completion, before=before,
                     after=audit.snapshot(completion, FIELDS))
    return completion
