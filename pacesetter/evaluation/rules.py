"""Who may set up and run evaluations: the county admin only (the campaign office)."""
import rules

from pacesetter.orgs.rules import is_county_admin, is_inspector


@rules.predicate
def can_manage_schemes(user) -> bool:
    return is_county_admin(user)


@rules.predicate
def can_manage_rounds(user) -> bool:
    return is_county_admin(user)


#: Who reads a round's counting records (tally summary and jobs, paper counts) besides those
#: who run them: the inspector, read-only over everything.
can_read_counts = is_county_admin | is_inspector


rules.add_perm("evaluation.change_scheme", can_manage_schemes)
rules.add_perm("evaluation.change_round", can_manage_rounds)
