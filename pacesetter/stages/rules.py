"""Who may change what in campaign stages; seeing is queries.*_visible_to.

- county admins set up stages and their tasks, and copy them from another campaign;
- an organisation's admins (and admins above it) mark its manual tasks done;
- an admin strictly above the organisation (its superior) sends a marked task back.
"""
import rules

from pacesetter.orgs.queries import editable_paths
from pacesetter.orgs.rules import is_county_admin


@rules.predicate
def can_set_up_stages(user) -> bool:
    return is_county_admin(user)


@rules.predicate
def can_mark_tasks(user, org) -> bool:
    paths = editable_paths(user)
    if paths is None:
        return True
    return org is not None and any(org.path.startswith(p) for p in paths)


@rules.predicate
def can_send_back(user, org) -> bool:
    paths = editable_paths(user)
    if paths is None:
        return True
    return org is not None and any(org.path.startswith(p) and org.path != p for p in paths)


rules.add_perm("stages.view_stage", rules.is_authenticated)
rules.add_perm("stages.view_stagetask", rules.is_authenticated)
rules.add_perm("stages.view_taskcompletion", rules.is_authenticated)
