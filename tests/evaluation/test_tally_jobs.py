"""Asking for a count: at once or queued, the background worker's side, and the command."""
import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import tasks
from pacesetter.evaluation.models import SubjectResult, TallyJob, TallyJobState, TallyResult, TallyStage
from pacesetter.evaluation.tally import tally_round

from .test_tally_channels import BALLOTS, M, T, closed_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(tree):
    return closed_round(tree, BALLOTS)[0]


def _job(job):
    job.refresh_from_db()
    return job.state, job.progress, job.background


def test_small_round_is_counted_at_once(round_, tree):
    job = tasks.request_tally(round_, by=tree.users.county_admin)
    assert (_job(job), TallyResult.objects.filter(round=round_).count()) == ((TallyJobState.DONE, 100, False), 1)


def test_big_round_is_queued(round_, tree, monkeypatch):
    monkeypatch.setattr(tasks, "INLINE_MAX_ANSWERS", 30)
    job = tasks.request_tally(round_, by=tree.users.county_admin)
    assert (_job(job), TallyResult.objects.filter(round=round_).count()) == ((TallyJobState.QUEUED, 0, True), 0)


def test_request_is_audited(round_, tree):
    job = tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    entry = AuditEntry.objects.get(action="evaluation.round.tally_request")
    assert (entry.actor_id, entry.after) == (tree.users.county_admin.pk, {"job": job.pk, "background": True,
                                                                          "answers": 30})


# The worker closes connections it finds inside a transaction (PostgreSQL's test one, too).
@pytest.mark.django_db(transaction=True)
def test_worker_runs_a_queued_count(round_, tree):
    job = tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert (_job(job), SubjectResult.objects.filter(tally__round=round_).count()) == (
        (TallyJobState.DONE, 100, True), 4)


@pytest.mark.django_db(transaction=True)
def test_count_by_the_worker_is_audited_as_the_requester(round_, tree):
    tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert AuditEntry.objects.get(action="evaluation.round.tally").actor_id == tree.users.county_admin.pk


def test_second_request_while_one_is_queued_is_refused(round_, tree):
    tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    with pytest.raises(DomainError) as exc:
        tasks.request_tally(round_, by=tree.users.county_admin)
    assert (exc.value.code, TallyJob.objects.count()) == ("tally_running", 1)


def test_job_lost_for_an_hour_gives_way(round_, tree):
    lost = tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    TallyJob.objects.filter(pk=lost.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    job = tasks.request_tally(round_, by=tree.users.county_admin)
    assert (_job(lost)[0], _job(job)[0]) == (TallyJobState.FAILED, TallyJobState.DONE)


def test_open_round_cannot_be_counted(tree):
    round_ = closed_round(tree, {"b1": [(T, M, 0, 0)]})[0]
    round_.state = "open"
    round_.save(update_fields=["state"])
    with pytest.raises(DomainError) as exc:
        tasks.request_tally(round_, by=tree.users.county_admin)
    assert (exc.value.code, TallyJob.objects.count()) == ("round_state", 0)


@pytest.mark.parametrize("role", ["org_admin", "inspector", "leader"])
def test_only_county_admin_may_ask_for_a_count(round_, tree, role):
    with pytest.raises(PermissionDeniedError):
        tasks.request_tally(round_, by=getattr(tree.users, role))
    assert TallyJob.objects.count() == 0


def test_job_that_is_no_longer_queued_is_not_run_again(round_, tree):
    job = tasks.request_tally(round_, by=tree.users.county_admin)
    tasks.run_tally_job(job)
    assert AuditEntry.objects.filter(action="evaluation.round.tally").count() == 1


def test_failed_count_keeps_its_reason(round_, tree):
    """The requester lost the right to count between asking and the worker's turn."""
    job = tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    TallyJob.objects.filter(pk=job.pk).update(requested_by=tree.users.org_admin)
    tasks.run_tally_job(job)
    job.refresh_from_db()
    assert (job.state, job.message) == (TallyJobState.FAILED, "Only the county admin may set up evaluations.")


def test_tally_reports_each_step_in_order(round_):
    steps = []
    tally_round(round_, by=None, progress=lambda stage, percent: steps.append((stage, percent)))
    assert steps == [(TallyStage.AGGREGATE, 5), (TallyStage.FINGERPRINT, 25), (TallyStage.STORE, 50),
                     (TallyStage.RANK, 90)]


def test_command_prints_what_the_count_found(round_, capsys):
    call_command("tally", str(round_.pk))
    tally_ = TallyResult.objects.get(round=round_)
    lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    assert lines == [
        f"Round {round_.pk} “渠道计票” counted.",
        f"fingerprint {tally_.fingerprint}",
        "ballots 15",
        "answers 30",
        "subjects 4",
        "insufficient sample 1",
        "flagged for dissatisfaction 1",
    ]


def test_command_queues_in_the_background(round_, capsys):
    call_command("tally", str(round_.pk), "--background")
    job = TallyJob.objects.get(round=round_)
    assert (capsys.readouterr().out.strip(), job.state) == (
        f"Count queued as job {job.pk}; the background worker (pacesetter db_worker) runs it.", TallyJobState.QUEUED)


def test_command_refuses_an_unknown_round(db):
    with pytest.raises(CommandError) as exc:
        call_command("tally", "999999")
    assert str(exc.value) == "There is no round 999999."


def test_command_refuses_an_open_round(tree):
    round_ = closed_round(tree, {"b1": [(T, M, 0, 0)]})[0]
    round_.state = "open"
    round_.save(update_fields=["state"])
    with pytest.raises(CommandError) as exc:
        call_command("tally", str(round_.pk))
    assert str(exc.value) == "Counting the ballots is not possible: The round is open."


def test_expected_answers_are_ballots_times_indicators(round_):
    assert tasks.expected_answers(round_) == 30
