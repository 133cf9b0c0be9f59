"""Who may change the registry; seeing is queries.entities_visible_to.

County admins change every entity; an organisation admin those in a township or covered by
an organisation inside their subtree, and checks the covering organisations there. Only
county admins extend the checklist. Leaders and inspectors read; members and affiliates
have nothing here."""
import rules

from pacesetter.orgs.queries import editable_paths
from pacesetter.orgs.rules import is_county_admin


def _edits(user, *paths: str | None) -> bool:
    allowed = editable_paths(user)
    if allowed is None:
        return True
    return any(path and path.startswith(root) for path in paths for root in allowed)


@rules.predicate
def can_register(user) -> bool:
    """Adds or imports entities somewhere (the domain checks the township or covering organisation)."""
    allowed = editable_paths(user)
    return allowed is None or bool(allowed)


@rules.predicate
def can_edit_entity(user, entity) -> bool:
    return entity is not None and _edits(user, entity.township.path,
                                         entity.covering.path if entity.covering_id else None)


@rules.predicate
def can_edit_plan(user, plan) -> bool:
    return plan is not None and can_edit_entity(user, plan.entity)


@rules.predicate
def can_check(user, organization) -> bool:
    return organization is not None and _edits(user, organization.path)


@rules.predicate
def can_add_evidence(user, check) -> bool:
    """Adds evidence to a check: whoever may check its organisation."""
    return check is not None and can_check(user, check.organization)


can_manage_items = is_county_admin
