"""A demo task's dates: planned start and end, milestones, the days of its progress reports
with their percentages and the milestones each reached, all chosen so that on `today` the
task has the schedule its catalogue entry names, whatever the day of the year.

The demo year starts on 1 January, or 240 days before today when today is earlier in the
year than that, so every task has a past worth showing. Plain Python, no database.
"""
from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from .catalogue import BEHIND, COMPLETED, LATE_REPORT, NOT_STARTED, SERIOUS, SUSPENDED, WORK, Spec

DAY = datetime.timedelta(days=1)
#: Every demo task reports monthly.
PERIOD = 30


@dataclass
class Report:
    day: datetime.date
    percent: int
    #: Indexes of the milestones this report marks done.
    done: list[int] = field(default_factory=list)


@dataclass
class Timeline:
    start: datetime.date
    end: datetime.date
    #: (title, due, weight), in due order; the weights total 100.
    milestones: list[tuple[str, datetime.date, int]]
    reports: list[Report]
    #: The milestone left overdue (behind, seriously behind), by index.
    overdue: int | None = None
    #: The day the task was suspended or completed.
    halted_on: datetime.date | None = None

    def planned(self, day: datetime.date) -> int:
        return sum(w for _t, due, w in self.milestones if due <= day)


def year_start(today: datetime.date) -> datetime.date:
    return min(datetime.date(today.year, 1, 1), today - 240 * DAY)


def weights(rng: random.Random, count: int) -> list[int]:
    """`count` weights, multiples of 5 and at least 10 each, totalling 100."""
    shares = [2] * count
    for _n in range(20 - 2 * count):
        shares[rng.randrange(count)] += 1
    return [5 * s for s in shares]


def spaced(after: datetime.date, until: datetime.date, count: int) -> list[datetime.date]:
    """`count` days evenly spread over (after, until], the last one `until`."""
    span = (until - after).days
    return [after + round(span * i / count) * DAY for i in range(1, count + 1)]


def _report_days(rng: random.Random, start: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Monthly from the start, a few days either side, ending with a report on `last`."""
    days, n = [], 1
    while (day := start + (PERIOD * n + rng.randint(-4, 2)) * DAY) < last - 12 * DAY:
        days.append(day)
        n += 1
    return [*days, last]


def plan(spec: Spec, rng: random.Random, today: datetime.date) -> Timeline:
    """The timeline of `spec` as of `today` (see the module docstring)."""
    first = year_start(today)
    titles = spec.milestones
    count = len(titles)
    if spec.state == NOT_STARTED:
        start = today + rng.randint(8, 25) * DAY
        end = start + rng.randint(120, 200) * DAY
        return Timeline(start, end, _milestones(rng, titles, spaced(start, end, count)), [])
    if spec.state == COMPLETED:
        start = first + rng.randint(10, 40) * DAY
        end = first + rng.randint(120, 200) * DAY
        line = Timeline(start, end, _milestones(rng, titles, spaced(start, end, count)), [], halted_on=end)
        _report(rng, line, _report_days(rng, start, end), target=100)
        return line
    end = max(first + 364 * DAY, today + 35 * DAY)
    if spec.kind != WORK and rng.random() < 0.3:
        end += 180 * DAY  # a project running into next year
    if spec.state == SUSPENDED:
        start = first + rng.randint(20, 60) * DAY
        halted = today - rng.randint(50, 80) * DAY
        dues = spaced(start, halted - 10 * DAY, 1) + spaced(today, end, count - 1)
        line = Timeline(start, end, _milestones(rng, titles, dues), [], halted_on=halted)
        _report(rng, line, _report_days(rng, start, halted), target=line.planned(halted) + rng.randint(0, 5))
        return line
    start = min(first + rng.randint(0, 120) * DAY, today - 100 * DAY)
    recent = {LATE_REPORT: (38, 50), BEHIND: (2, 10), SERIOUS: (2, 10)}.get(spec.state, (2, 20))
    last = today - rng.randint(*recent) * DAY
    if spec.state in (BEHIND, SERIOUS):
        overdue_days = rng.randint(35, 60) if spec.state == SERIOUS else rng.randint(8, 25)
        pivot = today - overdue_days * DAY
        before = rng.randint(1, count - 2)
        dues = spaced(start, pivot - 10 * DAY, before) + [pivot] + spaced(today, end, count - before - 1)
        line = Timeline(start, end, _milestones(rng, titles, dues), [], overdue=before)
        planned = line.planned(today)
        gap = rng.randint(25, 35) if spec.state == SERIOUS else rng.randint(10, 20)
        _report(rng, line, _report_days(rng, start, last), target=max(planned - gap, 0))
        return line
    before = rng.randint(1, count - 1)
    dues = spaced(start, last, before) + spaced(today, end, count - before)
    line = Timeline(start, end, _milestones(rng, titles, dues), [])
    _report(rng, line, _report_days(rng, start, last), target=min(line.planned(today) + rng.randint(0, 6), 95))
    return line


def _milestones(rng: random.Random, titles: tuple[str, ...], dues: list[datetime.date]) -> list:
    return list(zip(titles, dues, weights(rng, len(titles)), strict=True))


def _report(rng: random.Random, line: Timeline, days: list[datetime.date], *, target: int) -> None:
    """Reports on `days`, progress rising with the plan to `target`; each milestone due by
    the last day (except the overdue one) is reached in the first report on or after its due day."""
    percent = 0
    for day in days:
        percent = max(percent, min(target, max(0, line.planned(day) + rng.randint(-3, 5))))
        line.reports.append(Report(day, percent))
    line.reports[-1].percent = target
    for index, (_title, due, _weight) in enumerate(line.milestones):
        if index == line.overdue or due > days[-1]:
            continue
        next(r for r in line.reports if r.day >= due).done.append(index)
