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
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .enums import Rag, TaskStatus
from .queries import statuses

GREEN_SHARE = 90
RED_SHARE = 60
LONG_OVERDUE_DAYS = 14
RED_LONG_OVERDUE_SHARE = 10


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
        for name in ("done", "done_late", "open", "overdue", "long_overdue", "organizations"):
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


def build(campaign, orgs, today: datetime.date) -> Dashboard:
    """Tallies of the organisations of `orgs` on the campaign's tasks, grouped."""
    org_rows, tasks, found = statuses(campaign, orgs, today)
    board = Dashboard(org_rows=org_rows, tasks=tasks, found=found)
    for stage_id in dict.fromkeys(t.stage_id for t in tasks):
        board.stages[stage_id] = Tally()
    stage_of = {task.pk: board.stages[task.stage_id] for task in tasks}
    late = {task.pk: (today - task.due_on).days for task in tasks}
    for org in org_rows:
        own = board.organizations[org["pk"]] = Tally(organizations=1)
        for task in tasks:
            got = found.get((org["pk"], task.pk))
            if got is not None:
                own.add(got[0], overdue_days=late[task.pk])
                stage_of[task.pk].add(got[0], overdue_days=late[task.pk])
        for tally in (board.county, board.townships.setdefault(org["township"], Tally()),
                      board.sectors.setdefault(org["sector"], Tally())):
            tally.merge(own)
    board.townships = dict(sorted(board.townships.items(), key=lambda item: (item[0] == "", item[0])))
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
