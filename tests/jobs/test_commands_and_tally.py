"""The periodic commands' --background, and the tally's crash detection and retry."""
import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import tasks
from pacesetter.evaluation.models import TallyJob, TallyJobState, TallyResult
from pacesetter.jobs.enums import JobState
from pacesetter.jobs.models import Job

from ..evaluation.test_tally_channels import BALLOTS, closed_round

pytestmark = pytest.mark.django_db

#: How long a running count may go without a heartbeat here (SQLite cannot write one mid-count).
SILENT = (tasks.STALE_AFTER if connection.vendor == "sqlite" else datetime.timedelta(seconds=60)) + datetime.timedelta(
    seconds=1)


@pytest.mark.parametrize(("command", "args", "kind", "params"), [
    ("send_reminders", ["--days", "3"], "commitments.reminders", {"days": 3, "dry_run": False}),
    ("stage_reminders", ["--dry-run"], "stages.reminders", {"days": None, "dry_run": True}),
    ("escalate", ["--date", "2026-05-01"], "accountability.escalate", {"date": "2026-05-01", "dry_run": False}),
])
def test_command_background_queues_a_job(tree, command, args, kind, params, capsys):
    call_command(command, *args, "--background")
    job = Job.objects.get()
    assert (job.kind, job.params, job.state, job.requested_by) == (kind, params, JobState.QUEUED, None)
    assert AuditEntry.objects.filter(action="jobs.job.start").count() == 1


@pytest.fixture
def running_count(tree, monkeypatch):
    """A count a worker claimed, then died in (its transaction rolled back: no result)."""
    round_ = closed_round(tree, BALLOTS)[0]
    job = tasks.request_tally(round_, by=tree.users.county_admin, background=True)
    now = timezone.now()
    TallyJob.objects.filter(pk=job.pk).update(state=TallyJobState.RUNNING, started_at=now, heartbeat_at=now,
                                              progress=50)
    job.refresh_from_db()
    return round_, job, now


def test_a_count_without_heartbeat_is_interrupted(running_count):
    round_, job, now = running_count
    with time_machine.travel(now + SILENT - datetime.timedelta(seconds=2), tick=False):
        assert job.interrupted is False
    with time_machine.travel(now + SILENT, tick=False):
        assert job.interrupted is True


def test_tally_page_offers_retry_for_an_interrupted_count_and_it_finishes(client, tree, running_count):
    round_, job, now = running_count
    client.force_login(tree.users.county_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert 'id="tally-start"' not in client.get(f"/evaluation/rounds/{round_.pk}/tally/").content.decode()
    with time_machine.travel(now + SILENT, tick=True):
        page = client.get(f"/evaluation/rounds/{round_.pk}/tally/").content.decode()
        assert 'id="tally-interrupted"' in page and ">Retry</button>" in page
        client.post(f"/evaluation/rounds/{round_.pk}/tally/")
    job.refresh_from_db()
    assert (job.state, job.message) == (
        TallyJobState.FAILED, "Interrupted: the worker stopped during the count; nothing of it was saved.")
    retried = TallyJob.objects.filter(round=round_).exclude(pk=job.pk).get()
    assert (retried.state, TallyResult.objects.filter(round=round_).count()) == (TallyJobState.DONE, 1)
