"""Reads of work style and accountability: who sees which key tasks, notices and cases, and
how each task keeps to its schedule.

**Visibility** builds on the organisation subtrees of `orgs.queries` (the one decision):
- key tasks: county admins, organisation admins and inspectors see the tasks whose lead unit
  or a supporting unit lies in their subtrees; a county-level leader sees the tasks they are
  responsible for (and no others, though the leader role attaches to the county); members
  and affiliate admins see none;
- supervision notices and accountability cases: county admins and inspectors see those of
  units in their subtrees, organisation admins those of their own units (to answer them),
  a leader those of their own tasks.

**Schedule** (`annotate_schedule`, in SQL, so dashboards filter and count by it):
- planned progress on a day = the weight (%) of the milestones due by that day;
- a milestone is overdue when it is not done and its due day has passed;
- seriously behind: a milestone overdue more than SERIOUS_DAYS days, or reported progress
  SERIOUS_GAP points or more below planned;
- behind: a milestone overdue, or reported progress BEHIND_GAP points or more below planned;
- on track otherwise; not started before the planned start; completed and suspended as set;
- late reporting, shown beside the schedule: the next report was due before today.
A task is late (for the escalation ladder) from the earlier of its earliest overdue
milestone's due day and its missed report's due day.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import paths_q, role_paths

from .enums import KeyTaskStatus, Schedule
from .models import AccountabilityCase, KeyTask, Milestone, SupervisionNotice

BEHIND_GAP = 10
SERIOUS_GAP = 25
SERIOUS_DAYS = 30

#: Roles that see key tasks, notices and cases of the units in their subtrees.
UNIT_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN, Role.INSPECTOR)


def _own_leader_q(user, field: str) -> Q:
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    return Q(**{f"{field}__user_id": user.pk})


def tasks_visible_to(user) -> QuerySet[KeyTask]:
    paths = role_paths(user, UNIT_ROLES)
    if paths is None:
        return KeyTask.objects.all()
    own = _own_leader_q(user, "leader")
    if not paths:
        return KeyTask.objects.filter(own) if getattr(user, "is_active", False) else KeyTask.objects.none()
    supported = KeyTask.supporting_units.through.objects.filter(
        paths_q(paths, "organization__path"), keytask_id=OuterRef("pk")
    )
    return KeyTask.objects.filter(own | paths_q(paths, "lead_unit__path") | Q(Exists(supported)))


def _unit_scoped(qs: QuerySet, user) -> QuerySet:
    paths = role_paths(user, UNIT_ROLES)
    if paths is None:
        return qs
    own = _own_leader_q(user, "task__leader")
    if not paths:
        return qs.filter(own) if getattr(user, "is_active", False) else qs.none()
    return qs.filter(own | paths_q(paths, "organization__path"))


def notices_visible_to(user) -> QuerySet[SupervisionNotice]:
    return _unit_scoped(SupervisionNotice.objects.all(), user)


def cases_visible_to(user) -> QuerySet[AccountabilityCase]:
    return _unit_scoped(AccountabilityCase.objects.all(), user)


def annotate_schedule(qs: QuerySet[KeyTask], today: datetime.date) -> QuerySet[KeyTask]:
    """Adds planned (%), gap (points), overdue_since (date or None), reporting_late (bool)
    and schedule (a Schedule value) to each task, as of `today`; see the module docstring."""
    milestones = Milestone.objects.filter(task_id=OuterRef("pk")).order_by().values("task_id")
    planned = milestones.filter(due_on__lte=today).annotate(total=Sum("weight")).values("total")
    overdue = milestones.filter(done_on__isnull=True, due_on__lt=today).annotate(first=Min("due_on")).values("first")
    serious_since = today - datetime.timedelta(days=SERIOUS_DAYS)
    qs = qs.annotate(
        planned=Coalesce(Subquery(planned, output_field=IntegerField()), Value(0)),
        overdue_since=Subquery(overdue),
    ).annotate(gap=F("planned") - F("progress"))
    return qs.annotate(
        reporting_late=Case(
            When(Q(status=KeyTaskStatus.ACTIVE, next_report_due__lt=today), then=Value(True)),
            default=Value(False), output_field=BooleanField(),
        ),
        schedule=Case(
            When(status=KeyTaskStatus.SUSPENDED, then=Value(Schedule.SUSPENDED.value)),
            When(status=KeyTaskStatus.COMPLETED, then=Value(Schedule.COMPLETED.value)),
            When(planned_start__gt=today, then=Value(Schedule.NOT_STARTED.value)),
            When(Q(overdue_since__lt=serious_since) | Q(gap__gte=SERIOUS_GAP),
                 then=Value(Schedule.SERIOUSLY_BEHIND.value)),
            When(Q(overdue_since__isnull=False) | Q(gap__gte=BEHIND_GAP), then=Value(Schedule.BEHIND.value)),
            default=Value(Schedule.ON_TRACK.value), output_field=CharField(),
        ),
    )


def late_since(task: KeyTask, today: datetime.date) -> datetime.date | None:
    """The day an annotated active task became late: the earlier of its earliest overdue
    milestone's due day and its missed report's due day; None when it is not late."""
    if task.status != KeyTaskStatus.ACTIVE:
        return None
    days = [d for d in (task.overdue_since, task.next_report_due if task.next_report_due < today else None) if d]
    return min(days) if days else None


@dataclass(frozen=True)
class ScheduleReason:
    """Why an annotated task has its schedule status, in words, for the task page."""

    planned: int
    progress: int
    overdue_since: datetime.date | None
    overdue_days: int
    reporting_late_days: int

    @property
    def lines(self) -> list[str]:
        lines = [_("Planned by today: %(planned)d%%; reported: %(progress)d%%.")
                 % {"planned": self.planned, "progress": self.progress}]
        if self.overdue_since:
            lines.append(_("A milestone due on %(day)s is not done: %(days)d days overdue.")
                         % {"day": self.overdue_since.isoformat(), "days": self.overdue_days})
        if self.reporting_late_days:
            lines.append(_("The progress report is %(days)d days late.") % {"days": self.reporting_late_days})
        return lines


def schedule_reason(task: KeyTask, today: datetime.date) -> ScheduleReason:
    overdue_days = (today - task.overdue_since).days if task.overdue_since else 0
    late = (today - task.next_report_due).days if task.reporting_late else 0
    return ScheduleReason(task.planned, task.progress, task.overdue_since, overdue_days, late)


def schedule_rule() -> list[str]:
    """The rule, in words, shown beside every schedule status."""
    return [
        _("Planned progress on a day is the weight of the milestones due by that day."),
        _("Seriously behind: a milestone more than %(days)d days overdue, or reported progress %(gap)d points "
          "or more below planned.") % {"days": SERIOUS_DAYS, "gap": SERIOUS_GAP},
        _("Behind: a milestone overdue, or reported progress %(gap)d points or more below planned.")
        % {"gap": BEHIND_GAP},
        _("On track otherwise. Late reporting: no progress report within the task's reporting period."),
    ]


def schedule_counts(qs: QuerySet[KeyTask]) -> dict[str, int]:
    """Schedule value → number of tasks, for an annotated queryset; one query."""
    rows = qs.order_by().values_list("schedule").annotate(n=Count("pk"))
    counts = dict.fromkeys(Schedule.values, 0)
    counts.update(dict(rows))
    return counts
