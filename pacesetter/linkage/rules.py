"""Who may change what in linkage; seeing is queries.*_visible_to.

- county admins and organisation admins create and edit the affiliate units linked to the
  party organisations of their subtree;
- they and affiliate admins record the honours and joint activities of those units. An
  affiliate admin holds the `affiliate_admin` role at a party organisation and administers
  the affiliate units linked to that organisation and those below it — no other; with a
  kind on the role (RoleAssignment.affiliate_kind), only the units of that kind.
"""
from __future__ import annotations

import rules

from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import role_assignments, role_paths

#: Roles that create and edit affiliate units in their subtree.
UNIT_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN)
#: Roles that record honours and joint activities of the units in their subtree.
RECORD_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN, Role.AFFILIATE_ADMIN)


def _holds(user, roles, org, kind: str | None = None) -> bool:
    """The user holds one of `roles` at `org` or above it (any organisation when org is None).
    With a `kind`, an affiliate admin narrowed to another kind of unit does not count."""
    paths = role_paths(user, roles)
    if paths is None:
        return True
    if not paths:
        return False
    for assignment in role_assignments(user):
        if assignment.role not in roles:
            continue
        if kind is not None and assignment.affiliate_kind and assignment.affiliate_kind != kind:
            continue
        if org is None or org.path.startswith(assignment.organization.path):
            return True
    return False


@rules.predicate
def can_manage_units(user, org=None) -> bool:
    """Create or edit affiliate units linked to `org` (or, without one, anywhere)."""
    return _holds(user, UNIT_ROLES, org)


@rules.predicate
def can_edit_unit(user, unit) -> bool:
    return unit is not None and _holds(user, UNIT_ROLES, unit.organization)


@rules.predicate
def can_record_for(user, org=None) -> bool:
    """Record honours and joint activities for some units linked to `org` (or anywhere)."""
    return _holds(user, RECORD_ROLES, org)


@rules.predicate
def can_record_for_unit(user, unit) -> bool:
    return unit is not None and _holds(user, RECORD_ROLES, unit.organization, unit.kind)


@rules.predicate
def can_edit_honour(user, honour) -> bool:
    return honour is not None and can_record_for_unit(user, honour.unit)


@rules.predicate
def can_edit_activity(user, activity) -> bool:
    """The activity's organisation and every unit in it are the user's to record for: a
    union's admin does not change what was recorded with the Youth League too."""
    return (activity is not None and _holds(user, RECORD_ROLES, activity.organization)
            and all(can_record_for_unit(user, unit) for unit in activity.units.all()))
