"""Jobs: claim, heartbeat, interruption, retry, cancel, visibility, bad input."""
import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.jobs import domain, registry, runner
from pacesetter.jobs.enums import JobState
from pacesetter.jobs.models import Job
from pacesetter.jobs.queries import jobs_visible_to
from pacesetter.orgs.models import Member

from .world import make_job

pytestmark = pytest.mark.django_db

CSV_HEADER = "党员编号,姓名,性别,所在组织编码,党员类型\n"


def members_csv(rows: list[str]) -> bytes:
    return (CSV_HEADER + "".join(f"{row}\n" for row in rows)).encode()


@pytest.fixture
def probe():
    """A test-only job kind that records what it was given and writes nothing."""
    calls = []

    def run(job, progress):
        calls.append(job.pk)
        progress("working", 50)
        if job.params.get("fail"):
            raise ValidationError("told to fail")
        if job.params.get("error"):
            return registry.Outcome(summary={"bad": 1}, file_name="r.txt", file_bytes=b"rows", error="rows are bad")
        return registry.Outcome(summary={"ok": True}, file_name="out.txt", file_bytes=b"hello")

    registry.KINDS["test.probe"] = registry.JobKind("test.probe", "probe", run, lambda user: True)
    yield calls
    del registry.KINDS["test.probe"]


def test_start_job_queues_a_task_and_records_it(tree, probe):
    job = domain.start_job("test.probe", by=tree.users.county_admin, params={"n": 1})
    assert (job.state, job.attempts, job.params) == (JobState.QUEUED, 1, {"n": 1})
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert (task.task_path, task.args_kwargs["args"]) == ("pacesetter.jobs.tasks.run_job_task", [job.pk])
    assert list(AuditEntry.objects.filter(action="jobs.job.start").values_list("object_id", flat=True)) == [str(job.pk)]


def test_start_job_rejects_an_unknown_kind(tree):
    with pytest.raises(DomainError):
        domain.start_job("no.such.kind", by=tree.users.county_admin)
    assert Job.objects.count() == 0


def test_start_job_rejects_who_may_not(tree):
    with pytest.raises(PermissionDeniedError):
        domain.start_job("stages.reminders", by=tree.users.org_admin)
    assert Job.objects.count() == 0


def test_run_job_claims_runs_and_stores_the_result(tree, probe):
    job = domain.start_job("test.probe", by=tree.users.county_admin)
    job = runner.run_job(job.pk)
    assert (job.state, job.progress, job.result, job.result_name) == (JobState.DONE, 100, {"ok": True}, "out.txt")
    assert job.result_file.read() == b"hello"
    assert probe == [job.pk]


def test_a_job_is_claimed_once(tree, probe):
    job = domain.start_job("test.probe", by=tree.users.county_admin)
    assert runner.claim(job.pk) is not None
    assert runner.claim(job.pk) is None
    runner.run_job(job.pk)  # the second worker handed it does nothing
    assert probe == []


def test_a_failing_job_records_why(tree, probe):
    job = runner.run_job(domain.start_job("test.probe", by=tree.users.county_admin, params={"fail": 1}).pk)
    assert (job.state, job.message, job.result_file.name) == (JobState.FAILED, "told to fail", "")


def test_an_outcome_with_an_error_keeps_its_report(tree, probe):
    job = runner.run_job(domain.start_job("test.probe", by=tree.users.county_admin, params={"error": 1}).pk)
    assert (job.state, job.message, job.result) == (JobState.FAILED, "rows are bad", {"bad": 1})
    assert job.result_file.read() == b"rows"


def test_a_run_superseded_by_a_retry_rolls_its_work_back(tree, probe):
    """The run's token went away (the job was given up for dead and retried): its work must not commit."""
    job = domain.start_job("test.probe", by=tree.users.county_admin)

    def run(job_, progress):
        Member.objects.filter(pk=tree.m1.pk).update(name="改过")
        Job.objects.filter(pk=job_.pk).update(worker="someone-else")
        return registry.Outcome()

    registry.KINDS["test.probe"] = registry.JobKind("test.probe", "probe", run, lambda user: True)
    job = runner.run_job(job.pk)
    assert job.state == JobState.RUNNING
    assert Member.objects.get(pk=tree.m1.pk).name == "张三"


@override_settings(JOB_HEARTBEAT_TIMEOUT=60)
def test_a_running_job_without_heartbeat_is_interrupted(tree):
    start = timezone.now()
    job = make_job(tree.users.county_admin, state=JobState.RUNNING, heartbeat_at=start, worker="elsewhere:1:x")
    with time_machine.travel(start + datetime.timedelta(seconds=59), tick=False):
        assert (job.is_interrupted(), job.shown_state) == (False, JobState.RUNNING)
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert (job.is_interrupted(), job.shown_state, job.retryable) == (True, JobState.INTERRUPTED, True)
        assert domain.mark_interrupted() == 1
    job.refresh_from_db()
    assert (job.state, job.worker) == (JobState.INTERRUPTED, "")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the worker-alive check is SQLite's")
def test_on_sqlite_a_job_whose_worker_lives_here_is_not_interrupted(tree):
    job = make_job(tree.users.county_admin, state=JobState.RUNNING, heartbeat_at=timezone.now())
    job.worker = runner.worker_token()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        assert job.is_interrupted() is False


def test_retry_requeues_an_interrupted_job(tree, probe):
    job = make_job(tree.users.org_admin, kind="test.probe", state=JobState.INTERRUPTED, organization=tree.t1,
                   progress=40, stage="working")
    job = domain.retry_job(job, by=tree.users.org_admin)
    assert (job.state, job.attempts, job.progress, job.stage, job.worker) == (JobState.QUEUED, 2, 0, "", "")
    assert DBTaskResult.objects.filter(pk=job.task_id).exists()
    entry = AuditEntry.objects.get(action="jobs.job.retry")
    assert (entry.before["state"], entry.after) == ("interrupted", {"attempts": 2})
    assert runner.run_job(job.pk).state == JobState.DONE


def test_retry_refuses_a_job_that_is_done_or_running(tree):
    for state in (JobState.DONE, JobState.RUNNING, JobState.QUEUED):
        job = make_job(tree.users.county_admin, state=state)
        with pytest.raises(DomainError):
            domain.retry_job(job, by=tree.users.county_admin)
    assert AuditEntry.objects.filter(action="jobs.job.retry").count() == 0


def test_retry_is_for_the_requester_and_county_admins(tree):
    job = make_job(tree.users.branch_admin, state=JobState.FAILED, organization=tree.b1)
    with pytest.raises(PermissionDeniedError):
        domain.retry_job(job, by=tree.users.org_admin)
    assert domain.retry_job(job, by=tree.users.county_admin).attempts == 2


def test_cancel_only_a_queued_job(tree):
    queued = make_job(tree.users.org_admin, state=JobState.QUEUED)
    assert domain.cancel_job(queued, by=tree.users.org_admin).state == JobState.CANCELLED
    with pytest.raises(DomainError):
        domain.cancel_job(make_job(tree.users.org_admin, state=JobState.RUNNING), by=tree.users.org_admin)


def test_jobs_visible_to_each_role(tree):
    u = tree.users
    county = make_job(u.county_admin, organization=tree.county)
    township = make_job(u.org_admin, organization=tree.t1)
    branch = make_job(u.branch_admin, organization=tree.b1)
    other = make_job(u.county_admin, organization=tree.b2)
    seen = {role: sorted(jobs_visible_to(getattr(u, role)).values_list("pk", flat=True))
            for role in ("county_admin", "org_admin", "branch_admin", "leader", "member", "nobody")}
    assert seen == {
        "county_admin": sorted([county.pk, township.pk, branch.pk, other.pk]),
        "org_admin": sorted([township.pk, branch.pk]),
        "branch_admin": [branch.pk],
        "leader": [], "member": [], "nobody": [],
    }


@override_settings(JOB_IMPORT_INLINE_ROWS=1)
def test_import_job_imports_all_or_nothing_with_row_numbered_errors(tree):
    data = members_csv(["N1,新甲,男,T1B1,正式党员", "N2,,女,T1B1,正式党员", "N3,,男,T1B1,正式党员"])
    job = domain.start_job("orgs.import", by=tree.users.org_admin, params={"kind": "members"},
                           input_file=("members.csv", data), organization=tree.t1)
    job = runner.run_job(job.pk)
    assert (job.state, job.result["error_count"]) == (JobState.FAILED, 2)
    assert [e["row"] for e in job.result["errors"]] == [3, 4]
    assert job.result_file.read()[:2] == b"PK"
    assert not Member.objects.filter(code__in=["N1", "N2", "N3"]).exists()


def test_import_job_imports_a_good_file(tree):
    data = members_csv(["N1,新甲,男,T1B1,正式党员", "N2,新乙,女,T1B1,正式党员"])
    job = domain.start_job("orgs.import", by=tree.users.org_admin, params={"kind": "members"},
                           input_file=("members.csv", data))
    job = runner.run_job(job.pk)
    assert (job.state, job.result["created"], job.result["rows"]) == (JobState.DONE, 2, 2)
    assert sorted(Member.objects.filter(code__in=["N1", "N2"]).values_list("name", flat=True)) == ["新乙", "新甲"]


def test_import_job_checks_the_requester_again_when_it_runs(tree):
    data = members_csv(["N1,新甲,男,T2B1,正式党员"])
    job = runner.run_job(domain.start_job("orgs.import", by=tree.users.org_admin, params={"kind": "members"},
                                          input_file=("members.csv", data)).pk)
    assert job.state == JobState.FAILED
    assert not Member.objects.filter(code="N1").exists()


def test_export_job_writes_the_visible_rows(tree):
    job = runner.run_job(domain.start_job("orgs.export", by=tree.users.org_admin, params={"kind": "members"}).pk)
    assert (job.state, job.result) == (JobState.DONE, {"kind": "members", "rows": 1})
    assert job.result_name.startswith("members-") and job.result_file.read()[:2] == b"PK"


def test_reminder_jobs_run(tree):
    for kind in ("commitments.reminders", "stages.reminders", "accountability.escalate"):
        job = runner.run_job(domain.start_job(kind, by=tree.users.county_admin).pk)
        assert (kind, job.state) == (kind, JobState.DONE)


def test_demo_leaves_finished_jobs(tree):
    import random

    from pacesetter.jobs import demo

    from django.utils import translation

    with translation.override("en"):
        summary = demo.seed(tree.county, rng=random.Random(1))
    jobs = {job.kind: job for job in Job.objects.all()}
    assert sorted((kind, job.state) for kind, job in jobs.items()) == [
        ("orgs.export", "done"), ("orgs.import", "failed"), ("stages.reminders", "done")]
    assert [e["row"] for e in jobs["orgs.import"].result["errors"]] == [2, 3]
    assert summary == "Background jobs: 2 done, 1 failed (see /jobs/)."


def test_retry_closes_the_lost_runs_task_row(tree, probe):
    job = domain.start_job("test.probe", by=tree.users.county_admin)
    lost = job.task_id
    DBTaskResult.objects.filter(pk=lost).update(status="RUNNING")
    Job.objects.filter(pk=job.pk).update(state=JobState.INTERRUPTED)
    job = domain.retry_job(job, by=tree.users.county_admin)
    assert (DBTaskResult.objects.get(pk=lost).status, DBTaskResult.objects.get(pk=job.task_id).status) == (
        "FAILED", "READY")
