"""Who may change vanguard projects; seeing is queries.projects_visible_to.

County admins and organisation admins create and keep the projects of the organisations in
their subtrees (details, state, results, evidence). A project's owners (its lead and the
other owning members, through their logins) add progress updates. Reviews come from above:
a county admin, or an organisation admin of an organisation *above* the project's own
(a branch does not rate its own projects)."""
import rules

from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import editable_paths, role_paths


def _covers(paths: list[str] | None, path: str) -> bool:
    return paths is None or any(path.startswith(p) for p in paths)


@rules.predicate
def can_create_project(user) -> bool:
    """Creates projects somewhere (the domain checks the organisation named)."""
    paths = editable_paths(user)
    return paths is None or bool(paths)


@rules.predicate
def can_edit_project(user, project) -> bool:
    return project is not None and _covers(editable_paths(user), project.organization.path)


def is_owner(user, project) -> bool:
    if not getattr(user, "is_authenticated", False) or project is None:
        return False
    if project.lead.user_id == user.pk:
        return True
    return project.co_owners.filter(user_id=user.pk).exists()


@rules.predicate
def can_log_progress(user, project) -> bool:
    return project is not None and (can_edit_project(user, project) or is_owner(user, project))


@rules.predicate
def can_review_project(user, project) -> bool:
    if project is None:
        return False
    path = project.organization.path
    if _covers(role_paths(user, (Role.COUNTY_ADMIN,)), path):
        return True
    return any(path.startswith(p) and path != p for p in role_paths(user, (Role.ORG_ADMIN,)) or [])
