"""Who may change what in selections; seeing is queries.*_visible_to.

County admins run selections (honour kinds, the selection itself, the county review, the
shortlist, the notice, objections and finalising). Organisation admins nominate inside
their subtree. The township review is for the organisation admins of the township (the
nominee organisation's ancestor right below the county); inspectors read objections."""
from __future__ import annotations

import rules

from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import editable_paths, role_assignments
from pacesetter.orgs.rules import is_county_admin, is_inspector

from .models import Nomination


def township_path(path: str) -> str | None:
    """The path of the township above an organisation at `path`: its ancestor at depth 2.
    None for the county and the units right below it, which the township review skips."""
    from pacesetter.orgs.models import Organization

    step = Organization.steplen
    return path[:2 * step] if len(path) > 2 * step else None


@rules.predicate
def can_manage_selections(user) -> bool:
    return is_county_admin(user)


@rules.predicate
def can_read_objections(user) -> bool:
    return is_county_admin(user) or is_inspector(user)


@rules.predicate
def can_nominate_in(user, organization) -> bool:
    """An editing role (organisation or county admin) on the nominee's organisation or above."""
    paths = editable_paths(user)
    if paths is None:
        return True
    return organization is not None and any(organization.path.startswith(p) for p in paths)


@rules.predicate
def can_review_township(user, nomination: Nomination) -> bool:
    township = township_path(nomination.organization.path)
    return township is not None and any(
        a.role == Role.ORG_ADMIN and a.organization.path == township for a in role_assignments(user))


@rules.predicate
def can_withdraw(user, nomination: Nomination) -> bool:
    """The nominating organisation's admins (or anyone editing above it)."""
    return can_nominate_in(user, nomination.nominated_by)


rules.add_perm("selections.add_selection", can_manage_selections)
rules.add_perm("selections.change_selection", can_manage_selections)
rules.add_perm("selections.add_honourkind", can_manage_selections)
rules.add_perm("selections.change_honourkind", can_manage_selections)
