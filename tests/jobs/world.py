"""Jobs for the tests: written straight to the table (the states a worker leaves behind)."""
from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

from pacesetter.jobs.enums import JobState
from pacesetter.jobs.models import Job


def make_job(by, *, kind="stages.reminders", state=JobState.DONE, organization=None, result_bytes: bytes | None = None,
             **fields) -> Job:
    now = timezone.now()
    job = Job(kind=kind, requested_by=by, organization=organization, state=state, **fields)
    if state != JobState.QUEUED:
        job.started_at = job.heartbeat_at = fields.get("heartbeat_at", now)
    if state in (JobState.DONE, JobState.FAILED, JobState.CANCELLED):
        job.finished_at = now
    if result_bytes is not None:
        job.result_name = "result.xlsx"
        job.result_file.save("result.xlsx", ContentFile(result_bytes), save=False)
    job.save()
    return job
