"""Running a job: claim it, keep its heartbeat, do the work in one transaction, end it.

- **Claim**: queued → running by a conditional UPDATE that also writes a fresh worker
  token; two workers handed the same job: one wins, the other does nothing.
- **Heartbeat**: on PostgreSQL a thread writes `heartbeat_at` (and the progress) every
  few seconds through a connection of its own, outside the work's transaction. A job whose
  heartbeat is older than JOB_HEARTBEAT_TIMEOUT is shown as interrupted and may be retried.
- **Finish**: the kind's work and the UPDATE that marks the job done commit together, and
  that UPDATE requires the worker token the run claimed with. A run that was given up for
  dead and retried meanwhile finds its token gone, and rolls its whole work back.
"""
from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import registry
from .enums import JobState
from .models import Job, worker_token

logger = logging.getLogger(__name__)


class Superseded(Exception):
    """The job was retried while this run went on: this run's work must not commit."""


class _Failed(Exception):
    def __init__(self, outcome: registry.Outcome):
        super().__init__(outcome.error)
        self.outcome = outcome


class Heartbeat:
    """Signs of life and progress written through a second connection (PostgreSQL only:
    SQLite has one writer at a time, and the job's transaction holds it)."""

    def __init__(self, table: str, pk: int, token_column: str | None = None, token: str = ""):  # nosec B107 # a job's lease token, not a password
        self.table, self.pk = table, pk
        self.where = "id = %s AND state = 'running'" + (f" AND {token_column} = %s" if token_column else "")
        self.where_args = [pk, token] if token_column else [pk]
        self.connection = (connections.create_connection(DEFAULT_DB_ALIAS)
                           if connection.vendor == "postgresql" else None)
        if self.connection is not None:
            # Used by the beating thread and the work's thread in turn, under self.lock.
            self.connection.inc_thread_sharing()
        self.lock = threading.Lock()
        self.stop_event = threading.Event()
        self.thread = None

    def _write(self, assignments: str, args: list) -> None:
        if self.connection is None:
            return
        with self.lock, self.connection.cursor() as cursor:
            cursor.execute(f"UPDATE {self.table} SET {assignments} WHERE {self.where}", [*args, *self.where_args])  # nosec B608 # table, columns and WHERE built in code; values bound

    def beat(self) -> None:
        self._write("heartbeat_at = %s", [timezone.now()])

    def progress(self, stage: str, percent: int) -> None:
        percent = max(0, min(100, int(percent)))
        self._write("stage = %s, progress = %s, heartbeat_at = %s", [str(stage)[:100], percent, timezone.now()])

    def _loop(self, interval: float) -> None:
        while not self.stop_event.wait(interval):
            try:
                self.beat()
            except Exception:  # a lost connection must not kill the work; the next beat retries
                logger.warning("Heartbeat of %s %s failed", self.table, self.pk, exc_info=True)

    def start(self) -> Heartbeat:
        if self.connection is not None:
            interval = max(0.2, settings.JOB_HEARTBEAT_TIMEOUT / 4)
            self.thread = threading.Thread(target=self._loop, args=(interval,), daemon=True)
            self.thread.start()
        return self

    def close(self) -> None:
        self.stop_event.set()
        if self.thread is not None:
            self.thread.join()
        if self.connection is not None:
            self.connection.close()
            self.connection.dec_thread_sharing()


def claim(job_id: int) -> str | None:
    """queued → running; the worker token when this call won the job, else None."""
    token, now = worker_token(), timezone.now()
    won = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, worker=token, started_at=now, heartbeat_at=now, stage="", progress=0,
    )
    return token if won else None


def _end(job_id: int, token: str, **fields) -> int:
    return Job.objects.filter(pk=job_id, state=JobState.RUNNING, worker=token).update(
        finished_at=timezone.now(), **fields
    )


def _save_file(job: Job, outcome: registry.Outcome) -> str:
    if outcome.file_bytes is None:
        return ""
    return job.result_file.storage.save(
        job.result_file.field.generate_filename(job, outcome.file_name or "result"), ContentFile(outcome.file_bytes)
    )


def run_job(job_id: int) -> Job | None:
    """Run a queued job to its end (done or failed). A job no longer queued is left alone."""
    token = claim(job_id)
    if token is None:
        return Job.objects.filter(pk=job_id).first()
    job = Job.objects.select_related("requested_by", "organization").get(pk=job_id)
    kind = registry.get(job.kind)
    heartbeat = Heartbeat(Job._meta.db_table, job.pk, "worker", token).start()
    saved = ""
    try:
        if kind is None:
            raise ValidationError(_("This kind of job is unknown here."))
        with transaction.atomic():
            outcome = kind.run(job, heartbeat.progress) or registry.Outcome()
            if outcome.error:
                raise _Failed(outcome)
            saved = _save_file(job, outcome)
            if not _end(job.pk, token, state=JobState.DONE, stage="", progress=100, result=outcome.summary,
                        result_file=saved, result_name=outcome.file_name if saved else "", message=""):
                raise Superseded
    except Superseded:
        logger.warning("Job %s was retried while this run went on; this run's work is rolled back", job_id)
        _discard(job, saved)
    except _Failed as failed:
        _discard(job, saved)
        outcome = failed.outcome
        saved = _save_file(job, outcome)
        if not _end(job.pk, token, state=JobState.FAILED, message=outcome.error, result=outcome.summary,
                    result_file=saved, result_name=outcome.file_name if saved else ""):
            _discard(job, saved)
    except ValidationError as error:
        _discard(job, saved)
        _end(job.pk, token, state=JobState.FAILED, message=" ".join(error.messages))
    except Exception:
        _discard(job, saved)
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _end(job.pk, token, state=JobState.FAILED, message=_("The job failed unexpectedly; the error is in the server's log."))
    finally:
        heartbeat.close()
    return Job.objects.filter(pk=job_id).first()


def _discard(job: Job, name: str) -> None:
    if name:
        job.result_file.storage.delete(name)
