"""The demo tasks' past, written in bulk: their progress reports before the latest, and
the responsibility letters (责任书) signed when they started.

Past reports are the rows submit_report would write (the report, the milestones it
reached), with the time each was made, signed by the leader a day or two later when the
leader is `leader1`. Sign-offs are the rows sign_off_task would write, dated in the task's
first days: leader1 signs theirs, 60 % of lead units and 40 % of supporting units theirs.
Through the domain all this would be some 400 transactions with an audit entry each, and
every timeline would show the time of seeding; the demo's one audit entry counts them
instead. The latest report of each task goes through the domain, which sets the task's
progress and next report due from it.
"""
from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.utils import timezone

from ..enums import SignOffParty
from ..models import KeyTask, Milestone, ProgressReport, SignOff
from . import texts
from .catalogue import Spec
from .county import Actors
from .timeline import Timeline

LEAD_SIGN_CHANCE, SUPPORT_SIGN_CHANCE = 0.6, 0.4


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def write(rng: random.Random, made: list[tuple[Spec, Timeline, KeyTask]], actors: Actors) -> int:
    """The past reports of the tasks made; how many."""
    by_task = defaultdict(list)
    for milestone in Milestone.objects.filter(task__in=[t for _s, _l, t in made]).order_by("task_id", "due_on", "pk"):
        by_task[milestone.task_id].append(milestone)
    reports, reached = [], []
    for spec, line, task in made:
        milestones, reporter, signs = by_task[task.pk], actors.for_unit(task.lead_unit), actors.leads(task)
        for report in line.reports[:-1]:
            signed = report.day + datetime.timedelta(days=rng.randint(1, 3)) if signs else None
            reports.append(ProgressReport(
                task=task, reported_on=report.day, percent=report.percent, organization=task.lead_unit,
                narrative=texts.narrative(rng, spec, line, report, last=False), created_by=reporter,
                leader_signed_at=_at(signed, 9, rng.randint(0, 59)) if signed else None,
                leader_comment=texts.comment(rng) if signed else "",
            ))
            reached.append((report, [milestones[i] for i in report.done]))
    created = ProgressReport.objects.bulk_create(reports)
    stamped, done = [], []
    for row, (report, milestones) in zip(created, reached, strict=True):
        row.created_at = _at(report.day, rng.randint(15, 18), rng.randint(0, 59))
        stamped.append(row)
        for milestone in milestones:
            milestone.done_on, milestone.done_in = report.day, row
            done.append(milestone)
    ProgressReport.objects.bulk_update(stamped, ["created_at"], batch_size=500)
    Milestone.objects.bulk_update(done, ["done_on", "done_in"], batch_size=500)
    return len(created)


def sign_offs(rng: random.Random, made: list[tuple[Spec, Timeline, KeyTask]], actors: Actors,
              today: datetime.date) -> int:
    """The responsibility letters of the tasks made, signed in their first days; how many."""
    def signed(start: datetime.date) -> datetime.datetime:
        day = min(start + datetime.timedelta(days=rng.randint(1, 10)), today - datetime.timedelta(days=1))
        return _at(day, 10, rng.randint(0, 59))

    rows = []
    for _spec, line, task in made:
        if actors.leads(task):
            rows.append(SignOff(task=task, party=SignOffParty.LEADER, signed_by=actors.leader1,
                                signed_at=signed(line.start), note="责任书已签认。"))
        if rng.random() < LEAD_SIGN_CHANCE:
            rows.append(SignOff(task=task, party=SignOffParty.LEAD_UNIT, organization=task.lead_unit,
                                signed_by=actors.for_unit(task.lead_unit), signed_at=signed(line.start)))
        for unit in task.supporting_units.order_by("path"):
            if rng.random() < SUPPORT_SIGN_CHANCE:
                rows.append(SignOff(task=task, party=SignOffParty.SUPPORTING_UNIT, organization=unit,
                                    signed_by=actors.for_unit(unit), signed_at=signed(line.start)))
    return len(SignOff.objects.bulk_create(rows))
