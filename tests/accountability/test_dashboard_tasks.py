"""The key-task dashboards' figures (pacesetter/accountability/dashboard.py) on hand-made
schedules, as of 2026-05-10 (see test_pages_tasks.py for the world)."""
import datetime

import pytest

from pacesetter.accountability import dashboard, domain
from pacesetter.accountability.enums import Schedule
from pacesetter.accountability.models import KeyTask
from pacesetter.accountability.queries import annotate_schedule, schedule_counts
from pacesetter.orgs.models import Goal

from .conftest import make_task

DAY = datetime.date(2026, 5, 10)


@pytest.fixture
def varied(world):
    """KT-1 and KT-2 seriously behind; KX-ON on track (reported on 05-01); KX-SUS suspended;
    KX-NEW not started (key work, starts in June)."""
    admin = world.users.county_admin
    on = make_task(world.tree, code="KX-ON", lead_unit=world.tree.t1, leader=world.leader2)
    domain.submit_report(on, by=admin, percent_done=40, narrative="按计划", reported_on=datetime.date(2026, 5, 1),
                         milestones_done=[on.milestones.first().pk])
    suspended = make_task(world.tree, code="KX-SUS", lead_unit=world.tree.t2, leader=world.leader2)
    domain.set_task_status(suspended, by=admin, status="suspended")
    make_task(world.tree, code="KX-NEW", kind="key_work", lead_unit=world.tree.t2, leader=world.leader1,
              planned_start=datetime.date(2026, 6, 1),
              milestones=[{"title": "开工", "due_on": datetime.date(2026, 12, 1), "weight": 100}])
    return world


def annotated():
    return annotate_schedule(KeyTask.objects.all(), DAY)


def test_counts_agree_with_schedule_counts(varied):
    assert dashboard.counts(annotated(), DAY).by_schedule == schedule_counts(annotated())


def test_counts_are_one_query(varied, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = dashboard.counts(annotated(), DAY)
    assert (figures.total, figures.behind, figures.late, figures.late_reporting) == (5, 2, 2, 2)


def test_counts_by_kind_and_leader(varied):
    figures = dashboard.counts(annotated(), DAY)
    assert ([(r["kind"], r["tasks"], r["seriously_behind"]) for r in figures.kind_rows()],
            [(r.name, r.tasks, r.behind, r.seriously_behind) for r in figures.by_leader]) == (
        [("key_work", 1, 0), ("key_project", 4, 2), ("key_engineering", 0, 0)],
        [("李副县长", 3, 0, 1), ("王县长", 2, 0, 1)],
    )


def test_schedule_rows_are_worst_first(varied):
    rows = dashboard.counts(annotated(), DAY).schedule_rows()
    assert [(value, n) for value, _label, n in rows] == [
        ("seriously_behind", 2), ("behind", 0), ("on_track", 1), ("not_started", 1), ("completed", 0),
        ("suspended", 1)]


def test_overdue_leaves_out_suspended_tasks(varied):
    assert [t.code for t in dashboard.overdue(annotated(), DAY)] == ["KT-1", "KT-2"]


def test_days_late_counts_from_the_missed_report(varied):
    task = dashboard.overdue(annotated(), DAY).get(code="KT-1")
    assert (task.late_from, dashboard.days_late(task, DAY)) == (datetime.date(2026, 1, 31), 99)


def test_days_late_of_a_suspended_task_is_zero(varied):
    assert dashboard.days_late(annotated().get(code="KX-SUS"), DAY) == 0


def test_filter_by_goal_takes_in_the_goals_under_it(varied):
    root = Goal.objects.add_root(create_kwargs={"code": "G1", "name": "工业强县", "kind": "strategy"})
    child = Goal.objects.add_child(root, create_kwargs={"code": "G11", "name": "园区建设", "kind": "goal"})
    KeyTask.objects.filter(code="KX-ON").update(goal=child)
    assert [t.code for t in dashboard.filter_tasks(annotated(), DAY, goal=root)] == ["KX-ON"]


def test_filter_late_any_and_late_reporting(varied):
    """KT-2 reported on the day: still late on its March milestone, no longer on reporting."""
    domain.submit_report(varied.task2, by=varied.users.county_admin, percent_done=10, narrative="推进中",
                         reported_on=DAY)
    late = dashboard.filter_tasks(annotated(), DAY, late=dashboard.LATE_ANY)
    reporting = dashboard.filter_tasks(annotated(), DAY, late=dashboard.LATE_REPORTING)
    assert ([t.code for t in late], [t.code for t in reporting]) == (["KT-1", "KT-2"], ["KT-1"])


def test_worst_first_sorts_by_schedule_then_gap(varied):
    assert [t.code for t in dashboard.rows(annotated(), "worst")] == ["KT-1", "KT-2", "KX-ON", "KX-NEW", "KX-SUS"]


def test_milestone_gantt_runs_each_bar_from_the_milestone_before(world):
    task = annotated().get(code="KT-1")
    rows = dashboard.milestone_gantt(task, list(task.milestones.all()), DAY)["rows"]
    assert [(r["start"], r["end"], r["schedule"]) for r in rows] == [
        ("2026-01-01", "2026-03-31", "overdue"), ("2026-03-31", "2026-06-30", "upcoming"),
        ("2026-06-30", "2026-12-31", "upcoming")]


def test_schedule_label_follows_the_value(world):
    [task] = dashboard.labelled(annotated().filter(code="KT-1"))
    assert task.schedule_label == Schedule.SERIOUSLY_BEHIND.label
