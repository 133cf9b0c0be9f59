"""Who may change what in theory seminars; seeing is queries.*_visible_to.

- county admins: create seminars, open the call, assign reviewers, start the review,
  award and publish;
- organisation admins (county admins too): submit papers of organisations in their subtree,
  replace or withdraw them while the call is open;
- a reviewer: scores the papers assigned to them, until the review deadline.
Members submit through their organisation's admin; they do not submit themselves.
"""
import rules

from pacesetter.orgs.queries import editable_paths
from pacesetter.orgs.rules import is_county_admin


@rules.predicate
def can_manage_seminars(user) -> bool:
    return is_county_admin(user)


@rules.predicate
def can_submit_for(user, org) -> bool:
    """Submit a paper for `org` (None: for some organisation)."""
    paths = editable_paths(user)
    if paths is None:
        return True
    if org is None:
        return bool(paths)
    return any(org.path.startswith(p) for p in paths)


@rules.predicate
def can_change_submission(user, submission) -> bool:
    return submission is not None and can_submit_for(user, submission.organization)


@rules.predicate
def is_reviewer(user, review) -> bool:
    return review is not None and getattr(user, "is_authenticated", False) and review.reviewer_id == user.pk


rules.add_perm("seminars.add_seminar", can_manage_seminars)
rules.add_perm("seminars.change_seminar", can_manage_seminars)
