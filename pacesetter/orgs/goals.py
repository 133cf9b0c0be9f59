"""Writes of the county goal framework (工业强县 → 两大任务 → "12335" goals → targets): county
admins add, change, move and take goals out of force. Each function is one transaction with
its audit entry, under the action names the admin's GoalAdmin uses (goal.create, goal.update,
goal.move), so the log reads the same whichever door a change came through.

Goals are never deleted here: key tasks and commitment items keep naming the goals they
served, so a goal that no longer applies is taken out of force instead.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError

from . import rules as org_rules
from .models import Goal

GOAL_FIELDS = ("code", "name", "kind", "description")
TREE_FIELDS = ("path", "depth", "numchild")


def _require_county_admin(by) -> None:
    if not org_rules.is_county_admin(by):
        raise PermissionDeniedError(_("Only county admins change the county's goals."), code="forbidden")


def _check_unknown(fields: dict) -> None:
    unknown = set(fields) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


#: Words that name pages under /goals/ (urls_goals.py), so no goal may take them as its code.
RESERVED_CODES = frozenset({"new"})


def _validate(goal: Goal) -> None:
    """The model's own checks (code pattern, choices, lengths), the code's uniqueness included."""
    if goal.code.lower() in RESERVED_CODES:
        raise DomainError({"code": [_("“%(code)s” names a page; choose another code.") % {"code": goal.code}]},
                          code="invalid")
    try:
        goal.full_clean(exclude=TREE_FIELDS + ("is_active",))
    except ValidationError as error:
        raise DomainError(error.message_dict if hasattr(error, "error_dict") else error.messages,
                          code="invalid") from error


def _locked(goal: Goal) -> Goal:
    return Goal.objects.select_for_update().get(pk=goal.pk)


def create_goal(*, by, parent: Goal | None = None, **fields) -> Goal:
    """A new goal under `parent` (last among its sub-goals), or a new root when there is none."""
    _require_county_admin(by)
    _check_unknown(fields)
    with transaction.atomic():
        if parent is not None:
            parent = _locked(parent)
            if not parent.is_active:
                raise DomainError(_("“%(name)s” is out of force; put it back in force before adding goals under it.")
                                  % {"name": parent.name}, code="parent_inactive")
        goal = Goal(**fields)
        _validate(goal)
        goal = Goal.objects.add_root(instance=goal) if parent is None else Goal.objects.add_child(parent, instance=goal)
        audit.record("goal.create", by=by, obj=goal, after=audit.snapshot(goal, (*GOAL_FIELDS, "is_active", "path")))
    return goal


def update_goal(goal: Goal, *, by, **changes) -> Goal:
    """Change a goal's code, name, kind or description; where it sits is move_goal's."""
    _require_county_admin(by)
    _check_unknown(changes)
    with transaction.atomic():
        goal = _locked(goal)
        before = audit.snapshot(goal, changes.keys())
        for name, value in changes.items():
            setattr(goal, name, value)
        _validate(goal)
        after = audit.snapshot(goal, changes.keys())
        if before == after:
            return goal
        goal.save(update_fields=[*changes.keys(), "updated_at"])
        audit.record("goal.update", by=by, obj=goal, before=before, after=after)
    return goal


def move_goal(goal: Goal, *, by, parent: Goal | None) -> Goal:
    """Move a goal with all its sub-goals under `parent` (as its last sub-goal), or to the
    top of the framework when `parent` is None; what is tagged to them stays tagged."""
    _require_county_admin(by)
    with transaction.atomic():
        goal = _locked(goal)
        if parent is not None:
            parent = _locked(parent)
            if parent.path.startswith(goal.path):
                raise DomainError(_("“%(name)s” cannot be moved under itself or one of its own sub-goals.")
                                  % {"name": goal.name}, code="parent_cycle")
        old_parent = Goal.objects.get_parent(goal)
        if (old_parent and old_parent.pk) == (parent and parent.pk):
            return goal
        before = {"parent": old_parent.code if old_parent else None, "path": goal.path}
        if parent is None:
            Goal.objects.move(goal, Goal.objects.get_last_root_node(), "last-sibling")
        else:
            Goal.objects.move(goal, parent, "last-child")
        goal.refresh_from_db()
        audit.record("goal.move", by=by, obj=goal, before=before,
                     after={"parent": parent.code if parent else None, "path": goal.path})
    return goal


def set_goal_active(goal: Goal, *, by, active: bool) -> Goal:
    """Take a goal out of force or put it back. Out of force, new work can no longer be tagged
    to it; what was tagged keeps its tag. Its sub-goals keep their own state."""
    _require_county_admin(by)
    with transaction.atomic():
        goal = _locked(goal)
        if goal.is_active == active:
            raise DomainError(_("“%(name)s” is already in force.") % {"name": goal.name} if active else
                              _("“%(name)s” is already out of force.") % {"name": goal.name}, code="active_same")
        goal.is_active = active
        goal.save(update_fields=["is_active", "updated_at"])
        audit.record("goal.update", by=by, obj=goal, before={"is_active": not active}, after={"is_active": active})
    return goal
