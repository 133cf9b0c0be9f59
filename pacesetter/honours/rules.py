"""Who may change honours; seeing is queries.honours_visible_to.

County admins commend a final selection, enter earlier honours by hand and revoke honours.
Everyone else reads.
"""
import rules

from pacesetter.orgs.rules import can_edit_organization, is_county_admin


@rules.predicate
def can_manage_honours(user) -> bool:
    return getattr(user, "is_authenticated", False) and is_county_admin(user)


rules.add_perm("honours.view_honour", rules.always_allow)
rules.add_perm("honours.add_honour", can_manage_honours)
rules.add_perm("honours.change_honour", can_manage_honours)


@rules.predicate
def can_print_certificate(user, honour) -> bool:
    """County admins, and the admins of the honoured organisation (a copy for their wall)."""
    if not getattr(user, "is_authenticated", False) or honour is None:
        return False
    return is_county_admin(user) or can_edit_organization(user, honour.organization)
