"""Who may change what in observation meetings; seeing is queries.*_visible_to.

County admins plan meetings, issue observers' codes, open and close scoring and publish
the results. Observers score through their personal code, not a login (domain.sheets)."""
import rules

from pacesetter.orgs.rules import is_county_admin


@rules.predicate
def can_manage_meetings(user) -> bool:
    return is_county_admin(user)


rules.add_perm("sitevisits.add_meeting", can_manage_meetings)
rules.add_perm("sitevisits.change_meeting", can_manage_meetings)
