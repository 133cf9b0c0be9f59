"""Who may change what in work style and accountability; seeing is queries.*_visible_to.

- county admins: create and plan key tasks, set their state, define the escalation ladder,
  issue supervision notices;
- the lead unit's admins (organisation admins whose subtree holds it, county admins):
  report progress; each unit's admins sign off their unit's part;
- the responsible leader: signs off the task and each progress report;
- inspectors: issue supervision notices, open cases, record findings and sanctions, close;
- the unit's admins answer notices and respond to cases against their unit.
"""
import rules

from pacesetter.orgs.queries import editable_paths
from pacesetter.orgs.rules import is_county_admin, is_inspector


def _may_edit_org(user, org) -> bool:
    paths = editable_paths(user)
    if paths is None:
        return True
    return org is not None and any(org.path.startswith(p) for p in paths)


@rules.predicate
def can_manage_tasks(user) -> bool:
    return is_county_admin(user)


@rules.predicate
def is_task_leader(user, task) -> bool:
    return task is not None and getattr(user, "is_authenticated", False) and task.leader.user_id == user.pk


@rules.predicate
def can_report_progress(user, task) -> bool:
    return task is not None and _may_edit_org(user, task.lead_unit)


@rules.predicate
def can_sign_for_unit(user, org) -> bool:
    return _may_edit_org(user, org)


@rules.predicate
def can_supervise(user) -> bool:
    """Issue supervision notices by hand."""
    return is_county_admin(user) or is_inspector(user)


@rules.predicate
def can_handle_cases(user) -> bool:
    """Open cases, record findings and sanctions, close them."""
    return bool(getattr(user, "is_superuser", False)) or is_inspector(user)


@rules.predicate
def can_answer_for(user, record) -> bool:
    """Answer a supervision notice or respond to a case addressed to the record's unit."""
    return record is not None and _may_edit_org(user, record.organization)


rules.add_perm("accountability.view_keytask", rules.is_authenticated)
rules.add_perm("accountability.add_keytask", can_manage_tasks)
rules.add_perm("accountability.change_keytask", can_manage_tasks)
rules.add_perm("accountability.view_escalationstep", rules.is_authenticated)
rules.add_perm("accountability.change_escalationstep", can_manage_tasks)
rules.add_perm("accountability.view_supervisionnotice", rules.is_authenticated)
rules.add_perm("accountability.view_accountabilitycase", rules.is_authenticated)
