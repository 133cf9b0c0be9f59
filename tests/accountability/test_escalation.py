"""The escalation ladder (7 → reminder, 15 → supervision notice, 30 → case): idempotent
across repeated runs, concurrent-safe by its unique constraint, and correct as the clock
moves (time-machine travels; the command reads today from the clock)."""
import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import translation

from pacesetter.accountability import domain
from pacesetter.accountability.enums import CaseSource, EscalationAction
from pacesetter.accountability.escalation import escalate
from pacesetter.accountability.models import AccountabilityCase, Escalation, SupervisionNotice
from pacesetter.core.models import AuditEntry
from pacesetter.notifications.models import Notification

D = datetime.date
#: world.task1's first report falls due on 2026-01-31; task2's too.
REPORT_DUE = D(2026, 1, 31)


def run_on(day: datetime.date) -> str:
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=datetime.timezone(
            datetime.timedelta(hours=8))), tick=False), translation.override("en"):
        call_command("escalate", stdout=out)
    return out.getvalue()


def actions():
    return sorted(Escalation.objects.values_list("task__code", "step__action", "days_late"))


def test_nothing_happens_before_the_first_step(world):
    run_on(REPORT_DUE + datetime.timedelta(days=6))
    assert (actions(), Notification.objects.count()) == ([], 0)


def test_reminder_at_seven_days_tells_the_unit_admins(world):
    out = run_on(REPORT_DUE + datetime.timedelta(days=7))
    assert actions() == [("KT-1", "reminder", 7), ("KT-2", "reminder", 7)]
    told = sorted(Notification.objects.values_list("user__username", "kind"))
    # T1's admin is township1; T2 has no admin of its own, so the nearest ancestor's: none either.
    assert told == [("township1", "accountability.reminder")]
    assert out.splitlines()[-1] == "2026-02-07: 2 late tasks; reminders 2, supervision notices 0, accountability cases 0."


def test_repeated_runs_do_nothing_twice(world):
    day = REPORT_DUE + datetime.timedelta(days=16)
    run_on(day)
    first = (actions(), Notification.objects.count(), SupervisionNotice.objects.count())
    out = run_on(day)
    assert (actions(), Notification.objects.count(), SupervisionNotice.objects.count()) == first
    assert out.splitlines()[-1].endswith("reminders 0, supervision notices 0, accountability cases 0.")


def test_climbing_the_ladder_day_by_day(world):
    for offset in range(0, 32):
        run_on(REPORT_DUE + datetime.timedelta(days=offset))
    assert [(a, d) for code, a, d in actions() if code == "KT-1"] == [
        ("case", 30), ("reminder", 7), ("supervision", 15)]
    notice = SupervisionNotice.objects.get(task=world.task1)
    case = AccountabilityCase.objects.get(task=world.task1)
    assert (notice.organization, notice.issued_by, case.organization, case.source) == (
        world.tree.t1, None, world.tree.t1, CaseSource.ESCALATION)


def test_supervision_notice_tells_unit_and_leader(world):
    run_on(REPORT_DUE + datetime.timedelta(days=15))
    told = sorted(Notification.objects.filter(kind="accountability.supervision").values_list("user__username", flat=True))
    assert told == ["leader1", "township1"]


def test_case_tells_the_inspectors(world):
    run_on(REPORT_DUE + datetime.timedelta(days=30))
    told = sorted(Notification.objects.filter(kind="accountability.case").values_list("user__username", flat=True))
    assert told == ["inspector", "inspector"]  # one per task: both lie in the inspector's county


def test_first_found_late_beyond_every_step_gets_them_all_once(world):
    run_on(REPORT_DUE + datetime.timedelta(days=40))
    assert [a for code, a, _d in actions() if code == "KT-1"] == ["case", "reminder", "supervision"]
    assert AccountabilityCase.objects.count() == 2


def test_catching_up_then_falling_late_again_is_a_new_episode(world):
    run_on(REPORT_DUE + datetime.timedelta(days=8))
    with time_machine.travel(datetime.datetime(2026, 2, 10, 9, tzinfo=datetime.UTC), tick=False):
        domain.submit_report(world.task1, by=world.users.org_admin, percent_done=5, narrative="补报",
                             reported_on=D(2026, 2, 10))
    run_on(D(2026, 2, 20))  # next report due 03-12: not late, nothing new
    run_on(D(2026, 3, 19))  # 7 days after 03-12
    assert [(a, since) for a, since in Escalation.objects.filter(task=world.task1).values_list(
        "step__action", "since").order_by("since")] == [("reminder", REPORT_DUE), ("reminder", D(2026, 3, 12))]


def test_dry_run_changes_nothing(world):
    summary = escalate(REPORT_DUE + datetime.timedelta(days=30), dry_run=True)
    assert (summary.count(EscalationAction.CASE), Escalation.objects.count(), Notification.objects.count()) == (2, 0, 0)


def test_every_step_is_audited(world):
    run_on(REPORT_DUE + datetime.timedelta(days=15))
    assert sorted(AuditEntry.objects.filter(action__in=["accountability.escalate", "accountability.notice.issue"])
                  .values_list("action", flat=True)) == ["accountability.escalate"] * 4 + [
        "accountability.notice.issue"] * 2


def test_a_changed_ladder_applies_from_the_next_run(world):
    domain.set_ladder([{"days_late": 3, "action": "reminder"}, {"days_late": 10, "action": "case"}],
                      by=world.users.county_admin)
    run_on(REPORT_DUE + datetime.timedelta(days=10))
    assert [a for code, a, _d in actions() if code == "KT-1"] == ["case", "reminder"]


def test_command_refuses_a_malformed_date(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError), translation.override("en"):
        call_command("escalate", "--date", "2026-02-30")
