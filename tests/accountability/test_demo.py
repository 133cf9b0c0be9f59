"""The work-style part of `seed_demo --scale small`: ~40 key tasks in the schedule states a
county would show, their reports, sign-offs and what the escalation ladder made of them."""
import io
import itertools
import random
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from pacesetter.accountability.demo import seed_accountability
from pacesetter.accountability.demo.catalogue import TASKS
from pacesetter.accountability.enums import CaseStatus, EscalationAction, NoticeStatus, Sanction, Schedule, SignOffParty
from pacesetter.accountability.models import (
    AccountabilityCase,
    Escalation,
    KeyTask,
    Milestone,
    ProgressReport,
    ReportEvidence,
    SignOff,
    SupervisionNotice,
)
from pacesetter.accountability.queries import annotate_schedule, late_since, schedule_counts, tasks_visible_to
from pacesetter.core.errors import DomainError
from pacesetter.core.models import AuditEntry
from pacesetter.orgs.models import Organization


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The small demo, seeded once for the module and rolled back after it; its output."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        with translation.override("en"):
            call_command("seed_demo", "--scale", "small", "--seed", "1", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def users(seeded, db):
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def tasks(seeded, db):
    return list(annotate_schedule(KeyTask.objects.all(), timezone.localdate()).select_related("lead_unit"))


def test_demo_has_every_task_of_the_catalogue(tasks):
    assert sorted(t.title for t in tasks) == sorted(s.title for s in TASKS)


def test_demo_schedule_mix_is_mostly_on_track(seeded, db):
    counts = schedule_counts(annotate_schedule(KeyTask.objects.all(), timezone.localdate()))
    assert counts == {Schedule.ON_TRACK: 25, Schedule.BEHIND: 8, Schedule.SERIOUSLY_BEHIND: 4,
                      Schedule.NOT_STARTED: 1, Schedule.COMPLETED: 3, Schedule.SUSPENDED: 1}


def test_demo_four_tasks_are_late_with_their_reports(tasks):
    late = [t for t in tasks if t.reporting_late]
    assert ([t.schedule for t in late], len(late)) == ([Schedule.ON_TRACK] * 4, 4)


def test_demo_tasks_have_three_to_five_milestones_weighing_100(seeded, db):
    per_task = Counter()
    weights = Counter()
    for task_id, weight in Milestone.objects.values_list("task_id", "weight"):
        per_task[task_id] += 1
        weights[task_id] += weight
    assert (set(per_task.values()), set(weights.values())) == ({3, 4, 5}, {100})


def test_demo_reports_are_monthly_and_none_in_the_future(tasks):
    gaps = []
    for task in tasks:
        days = sorted(ProgressReport.objects.filter(task=task).values_list("reported_on", flat=True))
        gaps += [(b - a).days for a, b in itertools.pairwise(days)]
    latest = max(ProgressReport.objects.values_list("reported_on", flat=True))
    assert (min(gaps) > 12, max(gaps) <= 48, latest < timezone.localdate()) == (True, True, True)


def test_demo_task_progress_is_its_latest_report(tasks):
    mismatched = [t.code for t in tasks if t.last_report_on and t.progress != t.reports.first().percent]
    assert mismatched == []


def test_demo_completed_tasks_end_on_their_final_report(tasks):
    completed = [t for t in tasks if t.schedule == Schedule.COMPLETED]
    assert [(t.completed_on, t.progress) for t in completed] == [(t.last_report_on, 100) for t in completed]


def test_demo_some_latest_reports_carry_a_stored_photo(seeded, db):
    photos = list(ReportEvidence.objects.all())
    assert (len(photos) >= 6, {p.kind for p in photos}, all(default_storage.exists(p.file.name) for p in photos)) == (
        True, {"photo"}, True)


def test_demo_leader1_is_responsible_for_six_tasks(users):
    assert tasks_visible_to(users["leader1"]).count() == 6


def test_demo_leader1_signed_their_tasks_and_all_but_their_latest_reports(users):
    mine = KeyTask.objects.filter(leader__user=users["leader1"])
    reports = ProgressReport.objects.filter(task__in=mine)
    signed = SignOff.objects.filter(party=SignOffParty.LEADER)
    assert (signed.count(), reports.filter(leader_signed_at__isnull=True).count()) == (6, mine.filter(
        reports__isnull=False).distinct().count())


def test_demo_units_signed_some_tasks(seeded, db):
    parties = Counter(SignOff.objects.values_list("party", flat=True))
    assert (parties[SignOffParty.LEAD_UNIT] > 10, parties[SignOffParty.SUPPORTING_UNIT] > 5) == (True, True)


def test_demo_writes_of_people_are_in_the_audit_log(seeded, db):
    actions = Counter(AuditEntry.objects.filter(action__startswith="accountability.task.").values_list(
        "action", flat=True))
    reporting = KeyTask.objects.filter(reports__isnull=False).distinct().count()
    assert actions == {"accountability.task.create": len(TASKS), "accountability.task.report": reporting,
                       "accountability.task.status": 4}


# --- escalation ----------------------------------------------------------------------------


def _late_days(tasks) -> dict[str, int]:
    today = timezone.localdate()
    return {t.code: (today - late_since(t, today)).days for t in tasks if late_since(t, today)}


def _escalated(action: str) -> set[str]:
    return set(Escalation.objects.filter(step__action=action).values_list("task__code", flat=True))


def test_demo_every_late_task_got_a_reminder(tasks):
    late = _late_days(tasks)
    assert (_escalated(EscalationAction.REMINDER), min(late.values()) >= 7) == (set(late), True)


def test_demo_tasks_late_15_days_got_a_supervision_notice(tasks):
    assert _escalated(EscalationAction.SUPERVISION) == {c for c, d in _late_days(tasks).items() if d >= 15}


def test_demo_seriously_behind_tasks_got_a_case(tasks):
    serious = {t.code for t in tasks if t.schedule == Schedule.SERIOUSLY_BEHIND}
    assert (_escalated(EscalationAction.CASE), set(AccountabilityCase.objects.values_list("task__code", flat=True))
            ) == (serious, serious)


def test_demo_some_notices_are_answered_and_some_wait(seeded, db):
    statuses = Counter(SupervisionNotice.objects.values_list("status", flat=True))
    assert (statuses[NoticeStatus.ANSWERED] >= 3, statuses[NoticeStatus.ISSUED] >= 3) == (True, True)


def test_demo_cases_closed_responded_and_open(seeded, db):
    assert Counter(AccountabilityCase.objects.values_list("status", flat=True)) == {
        CaseStatus.CLOSED: 1, CaseStatus.RESPONDED: 1, CaseStatus.OPEN: 2}


def test_demo_closed_case_has_findings_public_criticism_and_a_decision(seeded, db):
    case = AccountabilityCase.objects.get(status=CaseStatus.CLOSED)
    assert (list(case.sanctions.values_list("kind", "points")), case.findings.startswith("经核查"),
            case.decision.startswith("经县效能办研究")) == ([(Sanction.PUBLIC_CRITICISM, 10)], True, True)


def test_demo_township1_has_an_open_case_to_respond_to(users):
    township = Organization.objects.get(role_assignments__user=users["township1"])
    open_cases = AccountabilityCase.objects.filter(status=CaseStatus.OPEN, organization__path__startswith=township.path)
    assert open_cases.count() == 1


# --- the seed as a whole -------------------------------------------------------------------


def test_demo_output_counts_the_key_tasks(seeded, db):
    line = next(line for line in seeded.splitlines() if line.startswith("Key tasks:"))
    assert line.split(" (")[0] == f"Key tasks: {len(TASKS)}"


def test_demo_one_audit_entry_records_the_seed(seeded, db):
    entry = AuditEntry.objects.get(action="demo.seed_accountability")
    assert (entry.after["tasks"], entry.after["reports"]) == (len(TASKS), ProgressReport.objects.count())


def test_demo_seeding_again_is_refused_and_changes_nothing(seeded, db):
    before = (KeyTask.objects.count(), ProgressReport.objects.count(), AuditEntry.objects.count())
    with pytest.raises(DomainError):
        seed_accountability(Organization.objects.get(depth=1), rng=random.Random("1:accountability"))
    assert (KeyTask.objects.count(), ProgressReport.objects.count(), AuditEntry.objects.count()) == before
