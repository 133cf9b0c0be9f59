"""Who may change double-lead records; seeing is queries.double_lead_members_visible_to.

County admins and organisation admins register the rural members of the organisations in
their subtrees and keep their records (enterprises, households, figures, trainings).
Inspectors and the members themselves only read."""
import rules

from pacesetter.orgs.queries import editable_paths


def _edits(user, path: str | None) -> bool:
    paths = editable_paths(user)
    if paths is None:
        return True
    if path is None:
        return bool(paths)
    return any(path.startswith(p) for p in paths)


@rules.predicate
def can_register(user) -> bool:
    """Registers double-lead members somewhere (the domain checks the member named)."""
    return _edits(user, None)


@rules.predicate
def can_register_member(user, member) -> bool:
    return member is not None and _edits(user, member.organization.path)


@rules.predicate
def can_edit_double_lead(user, holder) -> bool:
    return holder is not None and _edits(user, holder.member.organization.path)


@rules.predicate
def can_edit_part(user, part) -> bool:
    """Change an enterprise, household, year's figures or training of a double-lead member."""
    return part is not None and can_edit_double_lead(user, part.holder)
