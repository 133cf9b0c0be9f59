"""Figures of the key-task pages (county-wide, "my tasks", a unit's, the Gantt timeline)
inside what a user sees.

Every function here takes tasks annotated by `queries.annotate_schedule` (the schedule in
SQL as of one day). The
counts of a page (by schedule, by kind, by leader, late reporting) come from ONE grouped
query over (kind, leader, schedule, lateness): a few dozen rows whatever the number of
tasks, folded here; the status counts equal `queries.schedule_counts` (a test holds the
two together). The page's table is then one query of its rows with leader and lead unit
joined in, and the paginator takes its total from the counts instead of counting again.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, CharField, DateField, F, Q, QuerySet, Value, When
from django.db.models.aggregates import Count
from django.db.models.functions import Coalesce, Concat, Least, StrIndex
from django.utils.translation import gettext_lazy as _

from .enums import SCHEDULE_ORDER, KeyTaskKind, KeyTaskStatus, Schedule
from .models import KeyTask, Milestone
from .queries import late_since

LATE_REPORTING, LATE_ANY = "reporting", "late"
LATENESS = ((LATE_ANY, _("overdue milestone or late report")), (LATE_REPORTING, _("late reporting")))

#: Orders of the task table: key → (label, ORDER BY).
SORTS = {
    "code": (_("code"), ("code",)),
    "worst": (_("worst first"), ("severity", F("gap").desc(), "code")),
    "end": (_("planned end"), ("planned_end", "code")),
    "progress": (_("least progress first"), ("progress", "code")),
}
DEFAULT_SORT = "code"
BEHIND_STATES = (Schedule.BEHIND, Schedule.SERIOUSLY_BEHIND)


def late_reporting_q(day: datetime.date) -> Q:
    return Q(status=KeyTaskStatus.ACTIVE, next_report_due__lt=day)


#: The schedule states in display order, each between commas, for `_severity`.
_ORDER_TEXT = "," + ",".join(SCHEDULE_ORDER) + ","
_NEVER = datetime.date.max


def _severity() -> StrIndex:
    """Where the task's schedule state stands in the display order (smaller is worse): its
    position in `_ORDER_TEXT`, so the schedule expression is written once, not once per
    state (a CASE over six states made PostgreSQL run every schedule subquery six times)."""
    return StrIndex(Value(_ORDER_TEXT), Concat(Value(","), F("schedule"), Value(","), output_field=CharField()))


def _late_from(day: datetime.date) -> Least:
    """The day an active task became late: its earliest overdue milestone or its missed
    report, whichever came first (`queries.late_since` in SQL)."""
    missed_report = Case(When(late_reporting_q(day), then=F("next_report_due")), default=Value(_NEVER))
    return Least(Coalesce(F("overdue_since"), Value(_NEVER)), missed_report, output_field=DateField())


def filter_tasks(tasks: QuerySet[KeyTask], day: datetime.date, *, q: str = "", kind: str = "", schedule: str = "",
                 leader=None, lead_unit=None, goal=None, late: str = "") -> QuerySet[KeyTask]:
    """The pages' filters on an annotated queryset; blank means any. A goal takes in the
    goals under it."""
    if q := (q or "").strip():
        tasks = tasks.filter(Q(code__istartswith=q) | Q(title__icontains=q))
    if kind:
        tasks = tasks.filter(kind=kind)
    if schedule:
        tasks = tasks.filter(schedule=schedule)
    if leader is not None:
        tasks = tasks.filter(leader=leader)
    if lead_unit is not None:
        tasks = tasks.filter(lead_unit=lead_unit)
    if goal is not None:
        tasks = tasks.filter(goal__path__startswith=goal.path)
    if late == LATE_REPORTING:
        tasks = tasks.filter(late_reporting_q(day))
    elif late == LATE_ANY:
        tasks = tasks.filter(late_q(day))
    return tasks


def late_q(day: datetime.date) -> Q:
    """Active tasks with an overdue milestone or a missed report (the overdue list)."""
    return Q(status=KeyTaskStatus.ACTIVE) & (Q(overdue_since__isnull=False) | Q(next_report_due__lt=day))


@dataclass
class LeaderRow:
    pk: int
    name: str
    title: str
    tasks: int = 0
    behind: int = 0
    seriously_behind: int = 0


@dataclass
class Counts:
    """What the page's one grouped query says: totals by schedule, kind and leader."""

    total: int = 0
    late_reporting: int = 0
    late: int = 0
    by_schedule: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Schedule.values, 0))
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    by_leader: list[LeaderRow] = field(default_factory=list)

    @property
    def behind(self) -> int:
        return sum(self.by_schedule[s] for s in BEHIND_STATES)

    def schedule_rows(self) -> list[tuple[str, str, int]]:
        """(value, label, count) in display order, worst first."""
        return [(s.value, str(s.label), self.by_schedule[s.value]) for s in SCHEDULE_ORDER]

    def kind_rows(self) -> list[dict]:
        rows = []
        for value, label in KeyTaskKind.choices:
            counts = self.by_kind.get(value, {})
            rows.append({"kind": value, "label": label, "tasks": sum(counts.values()),
                         "behind": counts.get(Schedule.BEHIND, 0),
                         "seriously_behind": counts.get(Schedule.SERIOUSLY_BEHIND, 0)})
        return rows


def counts(tasks: QuerySet[KeyTask], day: datetime.date) -> Counts:
    """All of a page's counts in one query over an annotated, filtered queryset."""
    grouped = (
        tasks.order_by()
        .annotate(
            is_late_reporting=Case(When(late_reporting_q(day), then=Value(True)), default=Value(False),
                                   output_field=BooleanField()),
            is_late=Case(When(late_q(day), then=Value(True)), default=Value(False), output_field=BooleanField()),
        )
        .values_list("kind", "leader_id", "leader__name", "leader__title", "schedule", "is_late_reporting", "is_late")
        .annotate(n=Count("pk"))
    )
    result = Counts()
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    leaders: dict[int, LeaderRow] = {}
    for kind, leader_id, name, title, schedule, late_reporting, late, n in grouped:
        result.total += n
        result.by_schedule[schedule] = result.by_schedule.get(schedule, 0) + n
        result.late_reporting += n if late_reporting else 0
        result.late += n if late else 0
        kinds[kind][schedule] += n
        row = leaders.setdefault(leader_id, LeaderRow(leader_id, name, title))
        row.tasks += n
        row.behind += n if schedule == Schedule.BEHIND else 0
        row.seriously_behind += n if schedule == Schedule.SERIOUSLY_BEHIND else 0
    result.by_kind = {kind: dict(values) for kind, values in kinds.items()}
    result.by_leader = sorted(leaders.values(), key=lambda r: (-r.seriously_behind, -r.behind, -r.tasks, r.name))
    return result


def rows(tasks: QuerySet[KeyTask], sort: str = DEFAULT_SORT) -> QuerySet[KeyTask]:
    """The table's rows: what a row shows joined in, in the chosen order."""
    order = SORTS.get(sort, SORTS[DEFAULT_SORT])[1]
    if "severity" in order:
        tasks = tasks.alias(severity=_severity())
    return tasks.select_related("leader", "lead_unit").order_by(*order)


def overdue(tasks: QuerySet[KeyTask], day: datetime.date) -> QuerySet[KeyTask]:
    """Active tasks late on a milestone or a report, the longest late first."""
    return (
        tasks.filter(late_q(day)).annotate(late_from=_late_from(day)).select_related("leader", "lead_unit")
        .order_by("late_from", F("gap").desc(), "code")
    )


def days_late(task: KeyTask, day: datetime.date) -> int:
    """How long an annotated task has been late (as the escalation ladder counts); 0 if not."""
    since = late_since(task, day)
    return (day - since).days if since else 0


class CountedPaginator(Paginator):
    """A paginator told its total (from the page's counts), so it does not count again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


def milestones_by_task(task_ids: list[int]) -> dict[int, list[Milestone]]:
    """The milestones of a page of tasks: one query."""
    found: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in Milestone.objects.filter(task_id__in=task_ids).order_by("task_id", "due_on", "id"):
        found[milestone.task_id].append(milestone)
    return found


def milestone_state(milestone: Milestone, day: datetime.date) -> str:
    if milestone.done_on:
        return "done"
    return "overdue" if milestone.due_on < day else "upcoming"


def gantt(tasks: list[KeyTask], milestones: dict[int, list[Milestone]], day: datetime.date) -> dict:
    """The timeline's data for json_script: one row per task, its milestones, today."""
    return {
        "today": day.isoformat(),
        "labels": {"today": str(_("today")), "planned": str(_("planned")), "progress": str(_("progress")),
                   "done": str(_("done")), "overdue": str(_("overdue")), "upcoming": str(_("upcoming"))},
        "rows": [
            {
                "code": task.code, "title": task.title, "url": task.get_absolute_url(),
                "start": task.planned_start.isoformat(), "end": task.planned_end.isoformat(),
                "schedule": task.schedule, "schedule_label": str(Schedule(task.schedule).label),
                "progress": task.progress, "planned": task.planned,
                "milestones": [
                    {"title": m.title, "due": m.due_on.isoformat(), "state": milestone_state(m, day),
                     "weight": m.weight}
                    for m in milestones.get(task.pk, [])
                ],
            }
            for task in tasks
        ],
    }


def milestone_gantt(task: KeyTask, milestones: list[Milestone], day: datetime.date) -> dict:
    """A task's own timeline: one row per milestone, its bar from the milestone before it
    (or the planned start) to its due day, coloured by its state."""
    data = gantt([], {}, day)
    start = task.planned_start
    for m in milestones:
        state = milestone_state(m, day)
        data["rows"].append({
            "code": "", "title": m.title, "url": "", "start": min(start, m.due_on).isoformat(),
            "end": m.due_on.isoformat(), "schedule": state, "schedule_label": str(data["labels"][state]),
            "progress": None, "planned": m.weight,
            "milestones": [{"title": m.title, "due": m.due_on.isoformat(), "state": state, "weight": m.weight}],
        })
        start = m.due_on
    return data


def labelled(tasks) -> list[KeyTask]:
    """The tasks with `schedule_label`, the label of their schedule, for the templates."""
    tasks = list(tasks)
    for task in tasks:
        task.schedule_label = Schedule(task.schedule).label
    return tasks


def status_chart(result: Counts) -> dict:
    return {"rows": [{"key": value, "name": label, "value": n} for value, label, n in result.schedule_rows() if n]}


def leader_chart(result: Counts, limit: int = 20) -> dict:
    leaders = result.by_leader[:limit]
    return {
        "labels": [row.name for row in leaders],
        "series": [
            {"key": Schedule.SERIOUSLY_BEHIND.value, "name": str(Schedule.SERIOUSLY_BEHIND.label),
             "values": [row.seriously_behind for row in leaders]},
            {"key": Schedule.BEHIND.value, "name": str(Schedule.BEHIND.label),
             "values": [row.behind for row in leaders]},
            {"key": "other", "name": str(_("other")),
             "values": [row.tasks - row.behind - row.seriously_behind for row in leaders]},
        ],
    }
