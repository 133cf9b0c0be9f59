"""Who may change what in public commitments. Seeing is `queries.commitments_visible_to`.

An organisation's pledge is written by its own admins and reviewed (approved, returned,
judged) by the admins of a superior organisation; a member's pledge is written by the
member and reviewed by the admins of the member's organisation or above (the secretary).
"""
from __future__ import annotations

import rules

from pacesetter.orgs.queries import editable_paths

from .enums import CommitmentStatus
from .models import Commitment

EDITABLE_STATES = (CommitmentStatus.DRAFT, CommitmentStatus.RETURNED)


def _covers(paths: list[str] | None, path: str, *, strictly: bool = False) -> bool:
    if paths is None:
        return True
    return any(path.startswith(p) and (not strictly or p != path) for p in paths)


def is_owner(user, commitment: Commitment) -> bool:
    """The member whose pledge it is, or an admin of (or above) the pledging organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    if commitment.member_id is not None:
        return commitment.member.user_id == user.pk
    return _covers(editable_paths(user), commitment.organization.path)


def is_reviewer(user, commitment: Commitment) -> bool:
    """An admin above the pledging organisation; for a member's pledge, of the member's
    organisation or above. County admins (whose paths cover everything) review all."""
    if not getattr(user, "is_authenticated", False):
        return False
    paths = editable_paths(user)
    return _covers(paths, commitment.organization.path, strictly=commitment.member_id is None)


@rules.predicate
def can_edit_commitment(user, commitment: Commitment) -> bool:
    return commitment.status in EDITABLE_STATES and is_owner(user, commitment)


@rules.predicate
def can_review_commitment(user, commitment: Commitment) -> bool:
    return commitment.status == CommitmentStatus.SUBMITTED and is_reviewer(user, commitment)


@rules.predicate
def can_report_delivery(user, commitment: Commitment) -> bool:
    return commitment.status == CommitmentStatus.PUBLISHED and (is_owner(user, commitment) or is_reviewer(user, commitment))


@rules.predicate
def can_reopen_item(user, commitment: Commitment) -> bool:
    return commitment.status == CommitmentStatus.PUBLISHED and is_reviewer(user, commitment)


@rules.predicate
def can_judge_delivery(user, commitment: Commitment) -> bool:
    """评诺 by the superior organisation: organisations' published pledges only."""
    return (
        commitment.status == CommitmentStatus.PUBLISHED
        and commitment.member_id is None
        and is_reviewer(user, commitment)
    )


@rules.predicate
def can_moderate_feedback(user, commitment: Commitment) -> bool:
    """The pledging organisation's admins and those above them moderate what the public wrote."""
    if not getattr(user, "is_authenticated", False):
        return False
    return _covers(editable_paths(user), commitment.organization.path)


rules.add_perm("commitments.view_commitment", rules.is_authenticated)
