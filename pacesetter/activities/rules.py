"""Who may change what in activities; seeing is queries.*_visible_to.

County admins and organisation admins plan, hold, cancel and edit the activities of the
organisations of their subtree, open their sign-in screen and mark attendance by hand.
Members sign themselves in (domain.sign_in checks who may).
"""
from __future__ import annotations

import rules

from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import role_paths

#: Roles that run the activities of their subtree.
MANAGE_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN)


def _holds(user, org) -> bool:
    """The user holds a managing role at `org` or above it (anywhere when org is None)."""
    paths = role_paths(user, MANAGE_ROLES)
    if paths is None:
        return True
    if org is None:
        return bool(paths)
    return any(org.path.startswith(p) for p in paths)


@rules.predicate
def can_plan_for(user, org=None) -> bool:
    """Plan activities of `org` (or, without one, of some organisation)."""
    return _holds(user, org)


@rules.predicate
def can_run_activity(user, activity) -> bool:
    """Edit, hold, cancel, take attendance of and show the sign-in screen of `activity`."""
    return activity is not None and _holds(user, activity.organization)
