"""Writes on jobs: start, retry, cancel. Each one transaction with its audit entry; the
task row django-tasks' worker picks up is written in the same transaction."""
from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.orgs import rules as org_rules

from . import registry
from .enums import JobState
from .models import Job


def _enqueue(job: Job) -> None:
    from .tasks import run_job_task

    result = run_job_task.enqueue(job.pk)
    job.task_id = str(result.id)[:64]
    job.save(update_fields=["task_id"])


def _close_lost_task(job: Job, now) -> None:
    """The task row of a run whose worker died stays "running" in django-tasks' table for
    ever: close it as failed, so that table tells the truth too."""
    from django_tasks_db.models import DBTaskResult

    if job.task_id:
        DBTaskResult.objects.filter(pk=job.task_id, status="RUNNING").update(
            status="FAILED", finished_at=now, exception_class_path="pacesetter.jobs.Interrupted",
            traceback="The worker stopped while running this job; it was retried as a new task.",
        )


def _may_manage(job: Job, by) -> bool:
    return by is None or org_rules.is_county_admin(by) or (by.pk is not None and job.requested_by_id == by.pk)


def start_job(kind: str, *, by, params: dict | None = None, organization=None,
              input_file: tuple[str, bytes] | None = None, background: bool = True) -> Job:
    """Ask for a job of `kind`; it is queued for the worker, or run here and now when
    `background` is False (the caller then gets it back finished)."""
    spec = registry.get(kind)
    if spec is None:
        raise DomainError(_("There is no job of this kind."), code="unknown_kind")
    if not spec.may_start(by):
        raise PermissionDeniedError(_("You may not start this job."), code="forbidden")
    with transaction.atomic():
        job = Job(kind=kind, params=params or {}, requested_by=by, organization=organization)
        if input_file is not None:
            name, data = input_file
            job.input_name = name[:200]
            job.input_file.save(name, ContentFile(data), save=False)
        job.save()
        audit.record("jobs.job.start", by=by, obj=job,
                     after={"kind": kind, "params": job.params, "input": job.input_name})
        if background:
            _enqueue(job)
    if not background:
        from .runner import run_job

        job = run_job(job.pk)
    return job


def retry_job(job: Job, *, by) -> Job:
    """Queue a failed or interrupted job again (attempts + 1). Its earlier run, if it still
    lives somewhere, can no longer finish: its worker token is gone."""
    if not _may_manage(job, by):
        raise PermissionDeniedError(_("You may not retry this job."), code="forbidden")
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not job.retryable:
            raise DomainError(_("Only a failed or interrupted job can be retried."), code="not_retryable")
        before = {"state": job.shown_state, "attempts": job.attempts, "message": job.message}
        if job.result_file:
            job.result_file.storage.delete(job.result_file.name)
        _close_lost_task(job, timezone.now())
        job.state, job.attempts, job.worker = JobState.QUEUED, job.attempts + 1, ""
        job.stage, job.progress, job.message, job.result, job.result_file, job.result_name = "", 0, "", {}, "", ""
        job.started_at = job.finished_at = job.heartbeat_at = None
        job.save(update_fields=["state", "attempts", "worker", "stage", "progress", "message", "result",
                                "result_file", "result_name", "started_at", "finished_at", "heartbeat_at"])
        audit.record("jobs.job.retry", by=by, obj=job, before=before, after={"attempts": job.attempts})
        _enqueue(job)
    return job


def cancel_job(job: Job, *, by) -> Job:
    """Cancel a job still waiting for the worker (a running one cannot be stopped halfway)."""
    if not _may_manage(job, by):
        raise PermissionDeniedError(_("You may not cancel this job."), code="forbidden")
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.state != JobState.QUEUED:
            raise DomainError(_("Only a job still waiting can be cancelled."), code="not_cancellable")
        job.state, job.finished_at = JobState.CANCELLED, timezone.now()
        job.save(update_fields=["state", "finished_at"])
        audit.record("jobs.job.cancel", by=by, obj=job, after={"state": job.state})
    return job


def mark_interrupted(now=None) -> int:
    """Running jobs without a heartbeat for JOB_HEARTBEAT_TIMEOUT become interrupted (the
    pages show them so anyway; this writes it down, e.g. before a retry sweep)."""
    now = now or timezone.now()
    ids = [job.pk for job in Job.objects.filter(state=JobState.RUNNING).only(
        "pk", "state", "heartbeat_at", "worker") if job.is_interrupted(now)]
    if not ids:
        return 0
    with transaction.atomic():
        count = Job.objects.filter(pk__in=ids, state=JobState.RUNNING).update(
            state=JobState.INTERRUPTED, worker="", finished_at=now,
            message=_("The worker stopped while running this job; nothing of it was saved."),
        )
        audit.record("jobs.job.interrupted", by=None, object_type="jobs.job", object_id=",".join(map(str, ids))[:100],
                     after={"jobs": ids})
    return count
