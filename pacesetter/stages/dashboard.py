"""The county stage dashboard: where every township, sector and organisation stands.

**Red / amber / green**, over a group's "due" tasks (those done, early or late, and those
overdue; open tasks not yet due do not count):
- green: at least GREEN_SHARE % of them done and none overdue more than LONG_OVERDUE_DAYS;
- red: less than RED_SHARE % done, or at least RED_LONG_OVERDUE_SHARE % of them overdue
  more than LONG_OVERDUE_DAYS days;
- amber otherwise; "nothing due yet" while a group has no due task.
The same rule rates a township, a sector, a stage and one organisation.
"""
from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from pacesetter.orgs.enums import Sector

from . import checks
from .enums import CompletionState, Rag, TaskStatus
from .models import TaskCompletion
from .queries import campaign_tasks, statuses, tasks_by_kind

GREEN_SHARE = 90
RED_SHARE = 60
LONG_OVERDUE_DAYS = 14
RED_LONG_OVERDUE_SHARE = 10


#: The counts of a Tally, in order.
FIELDS = ("done", "done_late", "open", "overdue", "long_overdue", "organizations")


@dataclass
class Tally:
    done: int = 0
    done_late: int = 0
    open: int = 0
    overdue: int = 0
    long_overdue: int = 0
    organizations: int = 0

    def add(self, status: str, *, overdue_days: int = 0) -> None:
        setattr(self, status, getattr(self, status) + 1)
        if status == TaskStatus.OVERDUE and overdue_days > LONG_OVERDUE_DAYS:
            self.long_overdue += 1

    def merge(self, other: "Tally") -> None:
        for name in FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def total(self) -> int:
        return self.done + self.done_late + self.open + self.overdue

    @property
    def due(self) -> int:
        return self.done + self.done_late + self.overdue

    @property
    def share(self) -> int | None:
        """Per cent of the due tasks done (rounded down), None while nothing is due."""
        return (self.done + self.done_late) * 100 // self.due if self.due else None

    @property
    def rag(self) -> str:
        if not self.due:
            return Rag.NONE
        done = (self.done + self.done_late) * 100
        if done < RED_SHARE * self.due or self.long_overdue * 100 >= RED_LONG_OVERDUE_SHARE * self.due:
            return Rag.RED
        if done >= GREEN_SHARE * self.due and not self.long_overdue:
            return Rag.GREEN
        return Rag.AMBER


@dataclass
class Dashboard:
    county: Tally = field(default_factory=Tally)
    townships: dict[str, Tally] = field(default_factory=dict)
    sectors: dict[str, Tally] = field(default_factory=dict)
    stages: dict[int, Tally] = field(default_factory=dict)
    organizations: dict[int, Tally] = field(default_factory=dict)
    org_rows: list[dict] = field(default_factory=list)
    tasks: list = field(default_factory=list)
    #: (organisation id, task id) → (status, done_on), for the tasks that apply
    found: dict = field(default_factory=dict)


def _sorted_townships(townships: dict) -> dict:
    return dict(sorted(townships.items(), key=lambda item: (item[0] == "", item[0])))


def _sorted_sectors(sectors: dict) -> dict:
    order = {code: i for i, code in enumerate(Sector.values)}
    return dict(sorted(sectors.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


def build(campaign, orgs, today: datetime.date, stage_kind: str = "") -> Dashboard:
    """Tallies of each organisation of `orgs` on the campaign's tasks (of one stage, by
    kind, when given), grouped. For pages that list organisations; the county dashboard
    needs only the groups: `summary`."""
    org_rows, tasks, found = statuses(campaign, orgs, today, stage_kind)
    board = Dashboard(org_rows=org_rows, tasks=tasks, found=found)
    for stage_id in dict.fromkeys(t.stage_id for t in tasks):
        board.stages[stage_id] = Tally()
    stage_of = {task.id: board.stages[task.stage_id] for task in tasks}
    long_late = {task.id for task in tasks if (today - task.due_on).days > LONG_OVERDUE_DAYS}
    applying = tasks_by_kind(tasks)
    for org in org_rows:
        org_id = org["pk"]
        own = board.organizations[org_id] = Tally(organizations=1)
        for task in applying[org["level"], org["sector"]]:
            status = found[org_id, task.id][0]
            long = status == TaskStatus.OVERDUE and task.id in long_late
            for tally in (own, stage_of[task.id]):
                setattr(tally, status, getattr(tally, status) + 1)
                tally.long_overdue += long
        for tally in (board.county, board.townships.setdefault(org["township"], Tally()),
                      board.sectors.setdefault(org["sector"], Tally())):
            tally.merge(own)
    board.townships = _sorted_townships(board.townships)
    board.sectors = _sorted_sectors(board.sectors)
    return board


def summary(campaign, orgs, today: datetime.date, stage_kind: str = "") -> Dashboard:
    """The county, township, sector and stage tallies of `build`, without the organisations:
    manual tasks counted in SQL per (task, township, sector, level), so the Python work grows
    with the groups and the tasks, not with the organisations times the tasks. An automatic
    check answers per organisation: its answers are counted into the groups."""
    tasks = campaign_tasks(campaign, stage_kind)
    board = Dashboard(tasks=tasks)
    # One narrow read of the organisations' groups: the counts per group, and the group of
    # each organisation for the automatic checks, which answer per organisation.
    group_of = {pk: (township, sector, level) for pk, township, sector, level in
                orgs.order_by().values_list("pk", "township", "sector", "level")}
    groups = sorted((*key, n) for key, n in Counter(group_of.values()).items())
    # (task id, township, sector, level) → [done on time, done late]
    done: dict[tuple, list[int]] = {}
    manual = [t.id for t in tasks if t.is_manual]
    if manual and groups:
        rows = (TaskCompletion.objects.filter(task_id__in=manual, state=CompletionState.DONE,
                                              organization_id__in=orgs.values("pk"))
                .order_by().values_list("task_id", "organization__township", "organization__sector",
                                        "organization__level")
                .annotate(on_time=Count("pk", filter=Q(done_on__lte=F("task__due_on"))), n=Count("pk")))
        for task_id, township, sector, level, on_time, n in rows:
            done[task_id, township, sector, level] = [on_time, n - on_time]
    automatic = [t for t in tasks if not t.is_manual and checks.get(t.check_kind) is not None]
    if automatic and groups:
        for task in automatic:
            for org_id, day in checks.get(task.check_kind).fn(campaign, task, orgs.values("pk")).items():
                key = group_of.get(org_id)
                if day is None or key is None:
                    continue
                counts = done.setdefault((task.id, *key), [0, 0])
                counts[0 if day <= task.due_on else 1] += 1
    # Plain lists of counts while adding up, in FIELDS order; Tallies at the end.
    sums: dict[tuple[str, object], list[int]] = {("stage", t.stage_id): [0] * 6 for t in tasks}
    late = {task.id: (today - task.due_on).days for task in tasks}
    applying = tasks_by_kind(tasks)
    for township, sector, level, n in groups:
        group = [0, 0, 0, 0, 0, n]
        for task in applying[level, sector]:
            on_time, done_late = done.get((task.id, township, sector, level), (0, 0))
            rest, days = n - on_time - done_late, late[task.id]
            part = (on_time, done_late, 0 if days > 0 else rest, rest if days > 0 else 0,
                    rest if days > LONG_OVERDUE_DAYS else 0)
            stage = sums[("stage", task.stage_id)]
            for i in range(5):
                group[i] += part[i]
                stage[i] += part[i]
        for key in (("county", None), ("township", township), ("sector", sector)):
            total = sums.setdefault(key, [0] * 6)
            for i in range(6):
                total[i] += group[i]
    for (kind, name), counts in sums.items():
        tally = Tally(**dict(zip(FIELDS, counts)))
        if kind == "county":
            board.county = tally
        else:
            getattr(board, f"{kind}s")[name] = tally
    board.townships = _sorted_townships(board.townships)
    board.sectors = _sorted_sectors(board.sectors)
    return board


def township_label(name: str) -> str:
    return name or _("County-level units (县直)")


def rule() -> list[str]:
    """The rating rule in words, shown beside the dashboard."""
    values = {"green": GREEN_SHARE, "red": RED_SHARE, "days": LONG_OVERDUE_DAYS, "long": RED_LONG_OVERDUE_SHARE}
    return [
        _("Due tasks: those done (on time or late) and those overdue; tasks not yet due do not count."),
        _("Green: at least %(green)d%% of due tasks done and none overdue more than %(days)d days.") % values,
        _("Red: less than %(red)d%% done, or %(long)d%% or more of due tasks overdue more than %(days)d days.")
        % values,
        _("Amber otherwise."),
    ]
