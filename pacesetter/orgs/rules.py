"""Who may do what: rules predicates, the same names in views, API and the admin.

Seeing is decided by `queries.organizations_visible_to`; these decide changing.
"""
import rules

from .enums import Role
from .models import Leader, Member, Organization


def _roles(user):
    from .queries import user_roles

    return user_roles(user)


def _editable_paths(user):
    from .queries import editable_paths

    return editable_paths(user)


def _may_edit_path(user, path: str) -> bool:
    paths = _editable_paths(user)
    if paths is None:
        return True
    return any(path.startswith(p) for p in paths)


@rules.predicate
def is_county_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.COUNTY_ADMIN in _roles(user)


@rules.predicate
def is_inspector(user) -> bool:
    return Role.INSPECTOR in _roles(user)


@rules.predicate
def can_edit_organization(user, org: Organization | None) -> bool:
    """Change an organisation, add children under it, or its members."""
    if org is None:
        return bool(getattr(user, "is_superuser", False))
    return _may_edit_path(user, org.path)


@rules.predicate
def can_edit_member(user, member: Member | None) -> bool:
    if member is None:
        return bool(_editable_paths(user) is None or _editable_paths(user))
    return _may_edit_path(user, member.organization.path)


@rules.predicate
def can_edit_leader(user, leader: Leader | None) -> bool:
    if not is_county_admin(user):
        return False
    if leader is None:
        return True
    return _may_edit_path(user, leader.organization.path)


@rules.predicate
def can_import(user) -> bool:
    paths = _editable_paths(user)
    return paths is None or bool(paths)


rules.add_perm("orgs.view_organization", rules.is_authenticated)
rules.add_perm("orgs.change_organization", is_county_admin)
rules.add_perm("orgs.add_organization", is_county_admin)
rules.add_perm("orgs.view_member", rules.is_authenticated)
rules.add_perm("orgs.change_member", is_county_admin)
rules.add_perm("orgs.add_member", is_county_admin)
rules.add_perm("orgs.view_leader", rules.is_authenticated)
rules.add_perm("orgs.change_leader", is_county_admin)
rules.add_perm("orgs.add_leader", is_county_admin)
rules.add_perm("orgs.view_roleassignment", is_county_admin)
rules.add_perm("orgs.add_roleassignment", is_county_admin)
rules.add_perm("orgs.delete_roleassignment", is_county_admin)
@rules.predicate
def can_read_audit_log(user) -> bool:
    """The audit log is not scoped by organisation, so only those who see the whole tree read it:
    county admins and inspectors attached to a top organisation."""
    from .queries import role_assignments

    if getattr(user, "is_superuser", False):
        return True
    return any(
        a.role in (Role.COUNTY_ADMIN, Role.INSPECTOR) and a.organization.depth == 1 for a in role_assignments(user)
    )


rules.add_perm("core.view_auditentry", can_read_audit_log)
