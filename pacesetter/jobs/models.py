"""One piece of background work: what was asked, by whom, how far it got, how it ended."""
from __future__ import annotations

import datetime
import os
import socket
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ACTIVE, RETRYABLE, JobState


def private_storage() -> FileSystemStorage:
    """Job files live under MEDIA_ROOT/private/jobs and are only served by the job page's
    download view (which checks visibility), never by MEDIA_URL."""
    return FileSystemStorage(location=os.path.join(settings.MEDIA_ROOT, "private", "jobs"), base_url=None)


def _upload_to(job: Job, filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}{ext}"


def heartbeat_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT)


def worker_token() -> str:
    """Who runs a job: host, process and a fresh nonce (a retried job's old runner cannot finish it)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _alive_here(worker: str) -> bool:
    host, _sep, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname()[:60] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=JobState.choices, default=JobState.QUEUED)
    stage = models.CharField(_("step"), max_length=100, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    input_file = models.FileField(_("input file"), storage=private_storage, upload_to=_upload_to, blank=True,
                                  max_length=200)
    input_name = models.CharField(_("input file name"), max_length=200, blank=True)
    result_file = models.FileField(_("result file"), storage=private_storage, upload_to=_upload_to, blank=True,
                                   max_length=200)
    result_name = models.CharField(_("result file name"), max_length=200, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("organisation"),
                                     on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("requested"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    worker = models.CharField(_("worker"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="job_progress_range"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind_label}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:job-detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        from .registry import label

        return str(label(self.kind))

    def is_interrupted(self, now=None) -> bool:
        """Running, but no sign of life for JOB_HEARTBEAT_TIMEOUT: its worker died.

        On SQLite the running job holds the one write lock, so no heartbeat can be written
        while it runs; there a job whose worker process still lives on this host is not
        interrupted however long it takes."""
        if self.state == JobState.INTERRUPTED:
            return True
        if self.state != JobState.RUNNING:
            return False
        now = now or timezone.now()
        if self.heartbeat_at is not None and self.heartbeat_at >= now - heartbeat_timeout():
            return False
        return not (connection.vendor == "sqlite" and _alive_here(self.worker))

    @property
    def shown_state(self) -> str:
        return JobState.INTERRUPTED if self.is_interrupted() else self.state

    @property
    def shown_state_label(self) -> str:
        return JobState(self.shown_state).label

    @property
    def active(self) -> bool:
        return self.shown_state in ACTIVE

    @property
    def retryable(self) -> bool:
        return self.shown_state in RETRYABLE
