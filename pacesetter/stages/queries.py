"""Reads of campaign stages: who sees what, and where every organisation stands.

**Visibility.** Stages and their tasks are the county's frame, like campaigns: every
signed-in user sees them. Where organisations stand (statuses, completions, evidence, the
dashboard) follows the organisation subtrees of the roles that run the campaign: county
admins, organisation admins and inspectors see their subtrees; a county-level leader sees
the subtree the leader role attaches to (normally the whole county), read-only, since
leaders answer for the campaign; members and affiliate admins see none.

**Status** of a task for an organisation, on a day: done (on or before the deadline),
done late (after it), overdue (not done, deadline passed), open (not done, not yet due).
Done days come from SQL in bulk: one query for all manual tasks, one per automatic task
(checks.py), whatever the number of organisations; statuses are then classified in one
pass over (organisation, task).
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from pacesetter.campaigns.queries import campaigns_visible_to
from pacesetter.orgs.enums import OrgStatus, Role
from pacesetter.orgs.models import Organization
from pacesetter.orgs.queries import paths_q, role_paths

from . import checks
from .enums import CompletionState, TaskStatus
from .models import CompletionEvidence, Stage, StageTask, TaskCompletion

#: Roles that see where organisations stand, in the subtrees their roles attach to.
STATUS_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN, Role.INSPECTOR, Role.LEADER)

#: The columns of an organisation that statuses and the dashboard need.
ORG_FIELDS = ("pk", "code", "name", "township", "sector", "level", "path")


def stages_visible_to(user) -> QuerySet[Stage]:
    return Stage.objects.filter(campaign__in=campaigns_visible_to(user))


def stage_tasks_visible_to(user) -> QuerySet[StageTask]:
    return StageTask.objects.filter(stage__campaign__in=campaigns_visible_to(user))


def stage_organizations_visible_to(user) -> QuerySet[Organization]:
    """The active organisations whose standing the user sees; the county committee, which
    sets the tasks, is not among them."""
    paths = role_paths(user, STATUS_ROLES)
    qs = Organization.objects.filter(status=OrgStatus.ACTIVE, depth__gt=1)
    if paths is None:
        return qs
    if not paths:
        return qs.none()
    return qs.filter(paths_q(paths, "path"))


def completions_visible_to(user) -> QuerySet[TaskCompletion]:
    paths = role_paths(user, STATUS_ROLES)
    if paths is None:
        return TaskCompletion.objects.all()
    if not paths:
        return TaskCompletion.objects.none()
    return TaskCompletion.objects.filter(paths_q(paths, "organization__path"))


def evidence_visible_to(user) -> QuerySet[CompletionEvidence]:
    return CompletionEvidence.objects.filter(completion__in=completions_visible_to(user).values("pk"))


def status_of(done_on: datetime.date | None, due_on: datetime.date, today: datetime.date) -> str:
    if done_on is not None:
        return TaskStatus.DONE if done_on <= due_on else TaskStatus.DONE_LATE
    return TaskStatus.OVERDUE if due_on < today else TaskStatus.OPEN


def campaign_tasks(campaign, stage_kind: str = "") -> list[StageTask]:
    """The campaign's tasks by deadline; only those of one stage (by its kind) when given."""
    qs = StageTask.objects.filter(stage__campaign=campaign)
    if stage_kind:
        qs = qs.filter(stage__kind=stage_kind)
    return list(qs.select_related("stage").order_by("due_on", "stage__starts_on", "id"))


def tasks_by_kind(tasks: Iterable[StageTask]) -> dict[tuple[str, str], list[StageTask]]:
    """(level, sector) → the tasks that apply to an organisation of that level and sector,
    filled as asked: statuses look the list up once per organisation instead of asking
    every task whether it applies."""

    class Lists(dict):
        def __missing__(self, key):
            found = self[key] = [t for t in tasks if t.applies_to(*key)]
            return found

    tasks = list(tasks)
    return Lists()


def done_dates(campaign, tasks: Iterable[StageTask], org_ids) -> dict[int, dict[int, datetime.date]]:
    """Task id → {organisation id: the day it did the task}, for organisations among
    `org_ids` (ids, or a queryset of ids). One query for the manual tasks, one per automatic."""
    tasks = list(tasks)
    found: dict[int, dict[int, datetime.date]] = {t.pk: {} for t in tasks}
    manual = [t.pk for t in tasks if t.is_manual]
    if manual:
        rows = TaskCompletion.objects.filter(
            task_id__in=manual, state=CompletionState.DONE, organization_id__in=org_ids
        ).values_list("task_id", "organization_id", "done_on")
        for task_id, org_id, done_on in rows:
            found[task_id][org_id] = done_on
    for task in tasks:
        check = None if task.is_manual else checks.get(task.check_kind)
        if check is not None:
            found[task.pk] = {k: v for k, v in check.fn(campaign, task, org_ids).items() if v is not None}
    return found


def statuses(campaign, orgs: QuerySet[Organization], today: datetime.date, stage_kind: str = ""):
    """(organisation rows, tasks, {(org id, task id): (status, done_on)}) for the
    organisations of `orgs`, over the campaign's tasks (of one stage, by kind, when given)
    that apply to each."""
    tasks = campaign_tasks(campaign, stage_kind)
    org_rows = list(orgs.order_by("path").values(*ORG_FIELDS))
    dates = done_dates(campaign, tasks, orgs.values("pk")) if tasks and org_rows else {}
    applying = tasks_by_kind(tasks)
    # The status of a task not done depends on the task alone: worked out once per task.
    undone = {t.id: (status_of(None, t.due_on, today), None) for t in tasks}
    found = {}
    for org in org_rows:
        org_id = org["pk"]
        for task in applying[org["level"], org["sector"]]:
            done_on = dates[task.id].get(org_id)
            found[org_id, task.id] = undone[task.id] if done_on is None else (
                TaskStatus.DONE if done_on <= task.due_on else TaskStatus.DONE_LATE, done_on)
    return org_rows, tasks, found


def tasks_of_org(campaign, org: Organization) -> QuerySet[StageTask]:
    """The campaign's tasks that apply to one organisation."""
    return StageTask.objects.filter(stage__campaign=campaign).filter(
        Q(level="") | Q(level=org.level), Q(sector="") | Q(sector=org.sector))


def completions_by_task(org: Organization, tasks: Iterable[StageTask]) -> dict[int, TaskCompletion]:
    rows = TaskCompletion.objects.filter(organization=org, task__in=[t.pk for t in tasks]).prefetch_related("evidence")
    return {c.task_id: c for c in rows}
