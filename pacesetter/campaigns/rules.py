"""Who may set up campaigns: the county admin (the organisation department)."""
import rules

from pacesetter.orgs.rules import is_county_admin


@rules.predicate
def can_manage_campaigns(user) -> bool:
    return is_county_admin(user)


rules.add_perm("campaigns.view_campaign", rules.is_authenticated)
rules.add_perm("campaigns.add_campaign", can_manage_campaigns)
rules.add_perm("campaigns.change_campaign", can_manage_campaigns)
