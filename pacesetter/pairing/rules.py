"""Who may change what in pairings; seeing is queries.*_visible_to.

- county admins: create, edit, end and replace pairings; run, review and accept
  recommendations;
- organisation admins of a helper party's organisation (and county admins): log visits and
  help for that pairing.
"""
import rules

from pacesetter.orgs.queries import editable_paths
from pacesetter.orgs.rules import is_county_admin


@rules.predicate
def can_manage_pairings(user) -> bool:
    return is_county_admin(user)


@rules.predicate
def can_change_pairing(user, pairing) -> bool:
    """Edit, end or replace: a county admin, while the pairing is active."""
    return pairing is not None and pairing.state == "active" and is_county_admin(user)


@rules.predicate
def can_log_help(user, pairing) -> bool:
    if pairing is None:
        return False
    if is_county_admin(user):
        return True
    paths = editable_paths(user)
    if paths is None:
        return True
    homes = [p.home.path for p in pairing.parties.all() if p.side == "helper"]
    return any(home.startswith(path) for home in homes for path in paths)


rules.add_perm("pairing.view_pairing", rules.is_authenticated)
rules.add_perm("pairing.add_pairing", can_manage_pairings)
rules.add_perm("pairing.change_pairing", can_manage_pairings)
