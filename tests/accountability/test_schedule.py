"""Schedule status on hand-made timelines, boundaries included (queries.annotate_schedule).

world.task1: planned 2026-01-01 to 12-31; milestones 03-31 (30 %), 06-30 (30 %), 12-31
(40 %); a report every 30 days, the first due 01-31. Thresholds: behind from a gap of 10
points or any overdue milestone; seriously behind from a gap of 25 points or a milestone
overdue more than 30 days."""
import datetime

import pytest

from pacesetter.accountability import domain
from pacesetter.accountability.enums import KeyTaskStatus, Schedule
from pacesetter.accountability.models import KeyTask
from pacesetter.accountability.queries import annotate_schedule, late_since, schedule_counts, schedule_reason

D = datetime.date


def status(task, day):
    return annotate_schedule(KeyTask.objects.filter(pk=task.pk), day).get()


def report(world, percent, day, *, done=()):
    ids = [m.pk for m in world.task1.milestones.all() if m.title in done]
    domain.submit_report(world.task1, by=world.users.org_admin, percent_done=percent, narrative="进展", reported_on=day,
                         milestones_done=ids)


@pytest.mark.parametrize("day, expected", [
    (D(2025, 12, 31), Schedule.NOT_STARTED),
    (D(2026, 1, 1), Schedule.ON_TRACK),
    (D(2026, 3, 30), Schedule.ON_TRACK),
    # Due today: 30 % planned, 0 reported, a gap of 30 points.
    (D(2026, 3, 31), Schedule.SERIOUSLY_BEHIND),
])
def test_schedule_without_reports(world, day, expected):
    assert status(world.task1, day).schedule == expected


def test_planned_progress_counts_milestones_due_by_the_day(world):
    assert [status(world.task1, d).planned for d in (D(2026, 3, 30), D(2026, 3, 31), D(2026, 6, 30))] == [0, 30, 60]


@pytest.mark.parametrize("percent, expected", [
    (21, Schedule.ON_TRACK),  # gap 9
    (20, Schedule.BEHIND),  # gap 10
    (6, Schedule.BEHIND),  # gap 24
    (5, Schedule.SERIOUSLY_BEHIND),  # gap 25
])
def test_gap_boundaries(world, percent, expected):
    report(world, percent, D(2026, 3, 31), done=["Land cleared"])
    assert status(world.task1, D(2026, 4, 15)).schedule == expected


@pytest.mark.parametrize("day, expected", [
    (D(2026, 3, 31), Schedule.ON_TRACK),  # due today, not yet overdue
    (D(2026, 4, 1), Schedule.BEHIND),  # 1 day overdue
    (D(2026, 4, 30), Schedule.BEHIND),  # 30 days overdue
    (D(2026, 5, 1), Schedule.SERIOUSLY_BEHIND),  # 31 days overdue
])
def test_overdue_milestone_boundaries(world, day, expected):
    report(world, 30, D(2026, 3, 20))  # on plan by percent, but the milestone is not reported done
    assert status(world.task1, day).schedule == expected


def test_done_milestone_is_not_overdue(world):
    report(world, 30, D(2026, 3, 30), done=["Land cleared"])
    row = status(world.task1, D(2026, 4, 20))
    assert (row.schedule, row.overdue_since) == (Schedule.ON_TRACK, None)


@pytest.mark.parametrize("day, late", [(D(2026, 1, 31), False), (D(2026, 2, 1), True)])
def test_late_reporting_from_the_day_after_the_report_was_due(world, day, late):
    assert status(world.task1, day).reporting_late is late


def test_a_report_moves_the_next_due_day_by_one_period(world):
    report(world, 10, D(2026, 2, 10))
    world.task1.refresh_from_db()
    assert world.task1.next_report_due == D(2026, 3, 12)
    assert [status(world.task1, d).reporting_late for d in (D(2026, 3, 12), D(2026, 3, 13))] == [False, True]


def test_completed_and_suspended_tasks_are_neither_behind_nor_late(world):
    domain.set_task_status(world.task1, by=world.users.county_admin, status=KeyTaskStatus.COMPLETED)
    domain.set_task_status(world.task2, by=world.users.county_admin, status=KeyTaskStatus.SUSPENDED)
    day = D(2026, 11, 1)
    assert [(status(t, day).schedule, status(t, day).reporting_late) for t in (world.task1, world.task2)] == [
        (Schedule.COMPLETED, False), (Schedule.SUSPENDED, False)]


def test_late_since_is_the_earlier_of_overdue_milestone_and_missed_report(world):
    day = D(2026, 4, 10)
    row = status(world.task1, day)
    assert (row.overdue_since, row.next_report_due, late_since(row, day)) == (D(2026, 3, 31), D(2026, 1, 31),
                                                                            D(2026, 1, 31))


def test_schedule_reason_names_the_figures(world):
    from django.utils import translation

    day = D(2026, 4, 10)
    with translation.override("en"):
        lines = schedule_reason(status(world.task1, day), day).lines
    assert lines == [
        "Planned by today: 30%; reported: 0%.",
        "A milestone due on 2026-03-31 is not done: 10 days overdue.",
        "The progress report is 69 days late.",
    ]


def test_schedule_counts_in_one_query(world, django_assert_num_queries):
    qs = annotate_schedule(KeyTask.objects.all(), D(2026, 2, 15))
    with django_assert_num_queries(1):
        counts = schedule_counts(qs)
    assert counts == {**dict.fromkeys(Schedule.values, 0), Schedule.ON_TRACK: 2}
