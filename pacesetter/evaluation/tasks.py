"""Counts asked for from the tally page or the command, at once or in the background.

A county round (a few hundred thousand answers) is counted within the request. A bigger
one is queued for the background worker (`manage.py db_worker`, which `make run` starts
beside the web server) through django-tasks' database backend, and the tally page follows
its `TallyJob`. Either way the job row records who asked, when, and how it ended.
"""
from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from pacesetter.core import audit
from pacesetter.core.errors import DomainError
from pacesetter.jobs.runner import Heartbeat

from . import rules as ev_rules
from .domain.common import _locked_round, _require, _require_state
from .enums import RoundState
from .models import Ballot, Indicator, Round, TallyJob, TallyJobState
from .tally import tally_round

logger = logging.getLogger(__name__)

#: Rounds with fewer answers than this are counted within the request (about a second).
INLINE_MAX_ANSWERS = 200_000
#: A job queued for longer than this was lost (no worker). A running job is lost when its
#: heartbeat is older than settings.JOB_HEARTBEAT_TIMEOUT (on SQLite, which cannot write a
#: heartbeat while the count holds the write lock, when it started longer ago than this).
STALE_AFTER = datetime.timedelta(hours=1)
ACTIVE = (TallyJobState.QUEUED, TallyJobState.RUNNING)


def expected_answers(round_: Round) -> int:
    """Answers a count will read: ballots × indicators (every ballot answers every question),
    from two index lookups instead of counting millions of answers."""
    return Ballot.objects.filter(round=round_).count() * Indicator.objects.filter(scheme_id=round_.scheme_id).count()


def _silent_since(now) -> datetime.datetime:
    if connection.vendor == "sqlite":
        return now - max(STALE_AFTER, datetime.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT))
    return now - datetime.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT)


def is_interrupted(job: TallyJob, now=None) -> bool:
    if job.state != TallyJobState.RUNNING:
        return False
    beat = job.heartbeat_at or job.started_at
    return beat is not None and beat < _silent_since(now or timezone.now())


def _expire_stale(round_: Round, now) -> None:
    TallyJob.objects.filter(
        round=round_, state=TallyJobState.QUEUED, created_at__lt=now - STALE_AFTER,
    ).update(state=TallyJobState.FAILED, finished_at=now, message=_("Given up: no progress for an hour."))
    silent = _silent_since(now)
    TallyJob.objects.filter(
        Q(heartbeat_at__lt=silent) | Q(heartbeat_at__isnull=True, started_at__lt=silent),
        round=round_, state=TallyJobState.RUNNING,
    ).update(state=TallyJobState.FAILED, finished_at=now,
             message=_("Interrupted: the worker stopped during the count; nothing of it was saved."))


def request_tally(round_: Round, *, by, background: bool | None = None) -> TallyJob:
    """Ask for a count of a closed or released round.

    It runs at once when the round has fewer than INLINE_MAX_ANSWERS answers (or
    `background` is False), and is queued for the worker otherwise (or when `background`
    is True). One job per round at a time.
    """
    _require(ev_rules.can_manage_rounds(by), by)
    now = timezone.now()
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.CLOSED, RoundState.RELEASED], _("Counting the ballots"))
        _expire_stale(round_, now)
        if TallyJob.objects.filter(round=round_, state__in=ACTIVE).exists():
            raise DomainError(_("A count of this round is already under way."), code="tally_running")
        answers = expected_answers(round_)
        if background is None:
            background = answers >= INLINE_MAX_ANSWERS
        job = TallyJob.objects.create(round=round_, requested_by=by, background=background)
        audit.record(
            "evaluation.round.tally_request", by=by, obj=round_,
            after={"job": job.pk, "background": background, "answers": answers},
        )
        if background:
            count_in_background.enqueue(job.pk)
    if not background:
        job = run_tally_job(job)
    return job


class ProgressWriter(Heartbeat):
    """Writes a job's step, progress and heartbeat where the tally page sees them while the
    count's own transaction is still open: through a database connection of its own.

    Only on PostgreSQL: SQLite has one writer at a time and the count holds it, so there a
    job shows queued, counting and done (a county round takes a second anyway).
    """

    def __init__(self, job_id: int):
        super().__init__(TallyJob._meta.db_table, job_id)
        self.start()

    def __call__(self, stage: str, percent: int) -> None:
        self.progress(stage, percent)


def run_tally_job(job: TallyJob) -> TallyJob:
    """Count a queued job's round: running, then done with the count (one transaction) or
    failed with the reason. A job that is no longer queued is left alone."""
    now = timezone.now()
    if not TallyJob.objects.filter(pk=job.pk, state=TallyJobState.QUEUED).update(
        state=TallyJobState.RUNNING, started_at=now, heartbeat_at=now, progress=1
    ):
        return TallyJob.objects.get(pk=job.pk)
    job = TallyJob.objects.select_related("round", "requested_by").get(pk=job.pk)
    progress = ProgressWriter(job.pk)
    try:
        with transaction.atomic():
            tally_round(job.round, by=job.requested_by, progress=progress)
            # Done only if still running: a job given up for dead meanwhile must not commit its count.
            if not TallyJob.objects.filter(pk=job.pk, state=TallyJobState.RUNNING).update(
                state=TallyJobState.DONE, stage="", progress=100, finished_at=timezone.now()
            ):
                raise ValidationError(_("This count was given up for dead and asked for again; it is discarded."))
    except ValidationError as error:
        _fail(job, " ".join(error.messages))
    except Exception:
        logger.exception("Tally job %s of round %s failed", job.pk, job.round_id)
        _fail(job, _("The count failed unexpectedly; the error is in the server's log."))
        raise
    finally:
        progress.close()
    job.refresh_from_db()
    return job


def _fail(job: TallyJob, message: str) -> None:
    TallyJob.objects.filter(pk=job.pk, state=TallyJobState.RUNNING).update(state=TallyJobState.FAILED, message=message[:500],
                                              finished_at=timezone.now())


@task()
def count_in_background(job_id: int) -> None:
    """The background worker's side of `request_tally`."""
    job = TallyJob.objects.filter(pk=job_id).first()
    if job is not None:
        run_tally_job(job)
