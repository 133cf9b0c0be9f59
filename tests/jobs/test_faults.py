"""Fault tests: a real `pacesetter db_worker` is killed with SIGKILL in the middle of a
tally and of an import. The database must hold nothing of the killed run, the job must
show as interrupted once its heartbeat is older than JOB_HEARTBEAT_TIMEOUT, and a retry
run by a fresh worker must finish with the right result.

PostgreSQL only (a second connection writes the heartbeat while the work's transaction is
open; SQLite has one writer). Bounded: every wait has a deadline; about 25 s in all.
Run apart with `pytest -m faults tests/jobs`.
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from pacesetter.evaluation import tasks
from pacesetter.evaluation.models import SubjectResult, TallyJob, TallyJobState, TallyResult
from pacesetter.jobs import domain
from pacesetter.jobs.enums import JobState
from pacesetter.jobs.models import Job
from pacesetter.orgs.models import Member

from ..evaluation.test_tally_channels import BALLOTS, closed_round

pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)"),
]

HEARTBEAT = 1.0  # seconds, for the worker and this process alike
SLOW_WORKER = Path(__file__).with_name("slow_worker.py")
ROOT = Path(__file__).resolve().parents[2]
ROWS = 3000


def worker_env(**extra) -> dict:
    db = connection.settings_dict
    url = "postgres://{user}:{password}@{host}:{port}/{name}".format(
        user=quote(db["USER"] or ""), password=quote(db["PASSWORD"] or ""), host=db["HOST"] or "localhost",
        port=db["PORT"] or 5432, name=quote(db["NAME"]),
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_REPLICA_URL")}
    env.update(DATABASE_URL=url, MEDIA_ROOT=str(settings.MEDIA_ROOT), JOB_HEARTBEAT_TIMEOUT=str(HEARTBEAT),
               PACESETTER_VAR_DIR=tempfile.mkdtemp(prefix="pacesetter-fault-var-"), SECRET_KEY="fault-tests",
               DJANGO_SETTINGS_MODULE="pacesetter.settings", PYTHONPATH=str(ROOT), **extra)
    return env


def start_worker(slow: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(SLOW_WORKER), "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"],
        env=worker_env(SLOW_PROGRESS=str(slow)), cwd=ROOT, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def run_batch_worker() -> None:
    done = subprocess.run([sys.executable, str(SLOW_WORKER), "db_worker", "--batch", "--no-startup-delay",
                           "--no-reload"], env=worker_env(), cwd=ROOT, timeout=60, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()[-2000:]


def wait_for(check, *, seconds: float, what: str, worker: subprocess.Popen | None = None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        if worker is not None and worker.poll() is not None:
            raise AssertionError(f"the worker ended early: {worker.stderr.read().decode()[-2000:]}")
        time.sleep(0.05)
    raise AssertionError(f"waited {seconds} s for {what}")


def kill(worker: subprocess.Popen) -> None:
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    worker.stderr.close()


@override_settings(JOB_HEARTBEAT_TIMEOUT=HEARTBEAT)
def test_worker_killed_mid_tally_leaves_no_count_and_a_retry_finishes(tree):
    round_ = closed_round(tree, BALLOTS)[0]
    job = tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    worker = start_worker(slow=1.0)
    try:
        # 90%: ranking, after every subject's result was written in the count's transaction.
        wait_for(lambda: TallyJob.objects.filter(pk=job.pk, progress__gte=90).exists(), seconds=30,
                 what="the count to reach its last step", worker=worker)
    finally:
        kill(worker)
    assert (TallyResult.objects.filter(round=round_).count(), SubjectResult.objects.count()) == (0, 0)
    job.refresh_from_db()
    assert job.state == TallyJobState.RUNNING
    wait_for(lambda: TallyJob.objects.get(pk=job.pk).interrupted, seconds=5 * HEARTBEAT, what="the job to go stale")

    retry = tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    job.refresh_from_db()
    assert (job.state, retry.state) == (TallyJobState.FAILED, TallyJobState.QUEUED)
    run_batch_worker()
    retry.refresh_from_db()
    assert (retry.state, retry.progress) == (TallyJobState.DONE, 100)
    assert (TallyResult.objects.filter(round=round_).count(), SubjectResult.objects.filter(tally__round=round_).count()
            ) == (1, 4)


@override_settings(JOB_HEARTBEAT_TIMEOUT=HEARTBEAT)
def test_worker_killed_mid_import_leaves_no_rows_and_a_retry_finishes(tree):
    rows = "".join(f"F{i:05d},党员{i},男,T1B1,正式党员\n" for i in range(ROWS))
    data = ("党员编号,姓名,性别,所在组织编码,党员类型\n" + rows).encode()
    job = domain.start_job("orgs.import", by=tree.users.org_admin, params={"kind": "members"},
                           input_file=("big.csv", data), organization=tree.t1)
    worker = start_worker(slow=1.0)
    try:
        # Past 60%: rows are being written in the import's transaction.
        wait_for(lambda: Job.objects.filter(pk=job.pk, state=JobState.RUNNING, progress__gt=60).exists(),
                 seconds=30, what="the import to write rows", worker=worker)
    finally:
        kill(worker)
    assert Member.objects.filter(code__startswith="F").count() == 0
    wait_for(lambda: Job.objects.get(pk=job.pk).is_interrupted(), seconds=5 * HEARTBEAT, what="the job to go stale")
    job.refresh_from_db()
    assert (job.shown_state, job.state) == (JobState.INTERRUPTED, JobState.RUNNING)

    job = domain.retry_job(job, by=tree.users.org_admin)
    run_batch_worker()
    job.refresh_from_db()
    assert (job.state, job.attempts, job.result["created"]) == (JobState.DONE, 2, ROWS)
    assert Member.objects.filter(code__startswith="F", organization=tree.b1).count() == ROWS


@override_settings(JOB_HEARTBEAT_TIMEOUT=0.8)
def test_heartbeat_and_progress_are_seen_while_the_work_runs(tree):
    """The beating thread's connection commits outside the work's open transaction."""
    from pacesetter.jobs import registry, runner

    def run(job, progress):
        progress("half way", 40)  # writes the heartbeat too: the beats are counted after it
        seen = Job.objects.values_list("stage", "progress").get(pk=job.pk)
        first = Job.objects.get(pk=job.pk).heartbeat_at
        deadline = time.monotonic() + 5
        while Job.objects.get(pk=job.pk).heartbeat_at == first and time.monotonic() < deadline:
            time.sleep(0.05)
        return registry.Outcome(summary={"seen": list(seen),
                                         "beat": Job.objects.get(pk=job.pk).heartbeat_at > first})

    registry.KINDS["test.beat"] = registry.JobKind("test.beat", "beat", run, lambda user: True)
    try:
        job = runner.run_job(domain.start_job("test.beat", by=tree.users.county_admin).pk)
    finally:
        del registry.KINDS["test.beat"]
    assert (job.state, job.result) == (JobState.DONE, {"seen": ["half way", 40], "beat": True})
