"""The escalation ladder at work (`pacesetter escalate`, meant for a daily cron).

For every active key task that is late on `day` (queries.late_since: an overdue milestone
or a missed report), each step of the county's ladder whose days late the task has reached
is applied once per lateness episode: the Escalation row (task, step, since) is unique, so
a second run, two machines running at once, or a run for an earlier day do nothing twice.
A task that catches up and falls late again starts a new episode (a new `since`) and climbs
the ladder afresh. A task first found late beyond several steps gets them all, in order.

- reminder: a notification to the lead unit's admins;
- supervision: a supervision notice (督办) to the lead unit, the unit's admins and the
  responsible leader told;
- case: an accountability case opened against the lead unit, the inspectors told.

Who is the unit: the users with an organisation-admin role on the lead unit or, when it has
none, on its nearest ancestor that has one. Inspectors: those whose subtree holds the unit.
Each step runs in its own transaction with its audit entry; notifications are written in it.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import override

from pacesetter.core import audit
from pacesetter.notifications.domain import notify
from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import Organization, RoleAssignment
from pacesetter.orgs.queries import ancestor_paths

from . import domain
from .enums import EscalationAction, KeyTaskStatus
from .models import Escalation, EscalationStep, KeyTask
from .queries import annotate_schedule, late_since

ACTOR = "pacesetter escalate"


@dataclass
class Applied:
    task: KeyTask
    step: EscalationStep
    since: datetime.date
    days_late: int
    told: int = 0


@dataclass
class Summary:
    late: int = 0
    applied: list[Applied] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for a in self.applied if a.step.action == action)


class People:
    """Organisation admins and inspectors, read once per run."""

    def __init__(self):
        self.admins: dict[str, set[int]] = defaultdict(set)
        self.inspectors: dict[str, set[int]] = defaultdict(set)
        rows = RoleAssignment.objects.filter(
            role__in=[Role.ORG_ADMIN, Role.INSPECTOR], user__is_active=True
        ).values_list("role", "organization__path", "user_id")
        for role, path, user_id in rows:
            (self.admins if role == Role.ORG_ADMIN else self.inspectors)[path].add(user_id)

    def unit_admins(self, org: Organization) -> set[int]:
        for path in [org.path, *reversed(ancestor_paths(org.path))]:
            if self.admins.get(path):
                return self.admins[path]
        return set()

    def inspectors_of(self, org: Organization) -> set[int]:
        found: set[int] = set()
        for path in [org.path, *ancestor_paths(org.path)]:
            found |= self.inspectors.get(path, set())
        return found


def late_tasks(day: datetime.date):
    """Active tasks late on `day`, annotated with their schedule; one query."""
    return (
        annotate_schedule(KeyTask.objects.filter(status=KeyTaskStatus.ACTIVE), day)
        .filter(Q(overdue_since__isnull=False) | Q(next_report_due__lt=day))
        .select_related("leader", "lead_unit")
        .order_by("code")
    )


def _texts(task: KeyTask, step: EscalationStep, days: int, since: datetime.date) -> tuple[str, str]:
    with override(settings.LANGUAGE_CODE):
        params = {"code": task.code, "title": task.title, "days": days, "since": since.isoformat(),
                  "unit": task.lead_unit.name, "leader": task.leader.name}
        titles = {
            EscalationAction.REMINDER: _("Reminder: key task %(code)s is %(days)d days late"),
            EscalationAction.SUPERVISION: _("Supervision notice: key task %(code)s is %(days)d days late"),
            EscalationAction.CASE: _("Accountability case opened: key task %(code)s is %(days)d days late"),
        }
        body = _("“%(title)s” (lead unit %(unit)s, responsible leader %(leader)s) has been late since %(since)s: "
                 "an overdue milestone or a missed progress report.") % params
        return titles[EscalationAction(step.action)] % params, body


def _apply(task: KeyTask, step: EscalationStep, since: datetime.date, day: datetime.date,
           people: People) -> Applied | None:
    days = (day - since).days
    title, body = _texts(task, step, days, since)
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(task=task, step=step, since=since, days_late=days, applied_on=day)
            unit = people.unit_admins(task.lead_unit)
            url = task.get_absolute_url()
            if step.action == EscalationAction.REMINDER:
                told = unit
            elif step.action == EscalationAction.SUPERVISION:
                notice = domain.issue_notice(task, by=None, text=f"{title}\n{body}",
                                             audit_after={"escalation": escalation.pk})
                escalation.notice = notice
                escalation.save(update_fields=["notice"])
                told = unit | ({task.leader.user_id} if task.leader.user_id else set())
                url = notice.get_absolute_url()
            else:
                case = domain.open_case(by=None, task=task, findings=f"{title}\n{body}")
                escalation.case = case
                escalation.save(update_fields=["case"])
                told = people.inspectors_of(task.lead_unit)
                url = case.get_absolute_url()
            notify(sorted(told), key=f"accountability.escalation:{escalation.pk}", kind=f"accountability.{step.action}",
                   title=title, body=body, url=url)
            audit.record("accountability.escalate", by=ACTOR, obj=task, after={
                "step": {"days_late": step.days_late, "action": step.action}, "since": since, "days_late": days,
                "day": day, "told": len(told)})
    except IntegrityError:
        # Another run applied this step to this episode first: nothing to do.
        return None
    return Applied(task, step, since, days, len(told))


def escalate(day: datetime.date, *, dry_run: bool = False) -> Summary:
    """Apply the ladder to every task late on `day`; returns what was (or, dry, would be) done."""
    steps = list(EscalationStep.objects.filter(is_active=True).order_by("days_late"))
    tasks = list(late_tasks(day))
    done = set(
        Escalation.objects.filter(task__in=[t.pk for t in tasks]).values_list("task_id", "step_id", "since")
    ) if tasks else set()
    people = None if dry_run else People()
    summary = Summary(late=len(tasks))
    for task in tasks:
        since = late_since(task, day)
        if since is None:
            continue
        days = (day - since).days
        for step in steps:
            if step.days_late > days or (task.pk, step.pk, since) in done:
                continue
            if dry_run:
                summary.applied.append(Applied(task, step, since, days))
                continue
            applied = _apply(task, step, since, day, people)
            if applied is not None:
                summary.applied.append(applied)
    return summary
