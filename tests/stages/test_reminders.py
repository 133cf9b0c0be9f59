"""`stage_reminders`: organisations with tasks due soon or overdue, told once a day."""
import io

from django.core.management import call_command
from django.utils import translation

from pacesetter.notifications.models import Notification
from pacesetter.stages.reminders import send_stage_reminders

from .world import D, build


def test_reminders_go_to_the_nearest_organisation_admins(tree):
    build(tree)
    summary = send_stage_reminders(D(2026, 3, 18), days=3)
    told = sorted(Notification.objects.values_list("user__username", "kind"))
    assert (told, summary.organizations, summary.due_soon, summary.without_recipient) == (
        [("branch1", "stages.due"), ("township1", "stages.due")], 4, 4, 2)


def test_reminders_count_overdue_tasks(tree):
    build(tree)
    summary = send_stage_reminders(D(2026, 4, 28), days=3)
    assert (summary.due_soon, summary.overdue) == (4, 4)


def test_second_run_the_same_day_tells_nobody(tree):
    build(tree)
    send_stage_reminders(D(2026, 3, 18), days=3)
    again = send_stage_reminders(D(2026, 3, 18), days=3)
    assert (again.notifications, Notification.objects.count()) == (0, 2)


def test_dry_run_writes_nothing(tree):
    build(tree)
    summary = send_stage_reminders(D(2026, 3, 18), days=3, dry_run=True)
    assert (summary.notifications, Notification.objects.count()) == (2, 0)


def test_command_reports_a_dry_run(tree):
    out = io.StringIO()
    with translation.override("en"):
        call_command("stage_reminders", "--dry-run", stdout=out)
    assert out.getvalue().startswith("Organisations to remind: 0")
