"""Reads of public commitments, all scoped by `commitments_visible_to`.

Published pledges are seen by whoever sees the organisation (and by the public on the
notice board). Drafts, submitted and returned pledges are work in progress: seen by those
who may edit or review them (admins of the organisation or above), by the pledging member,
and by inspectors (read-only over everything).
"""
from __future__ import annotations

import datetime

from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.utils import timezone

from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import editable_paths, paths_q, role_assignments, subtree_q, visible_paths

from .enums import CommitmentStatus, DeliveryStatus, FeedbackStatus, Outcome, VersionKind
from .models import Commitment, CommitmentItem, Feedback, ItemVersion


def _visibility_q(user, prefix: str = "") -> Q | None:
    """The condition on commitments (through `prefix`) a user may see; None means all."""
    paths = visible_paths(user)
    if paths is None:
        return None
    org_path = f"{prefix}organization__path"
    published = Q(**{f"{prefix}status": CommitmentStatus.PUBLISHED}) & paths_q(paths, org_path)
    inspecting = [a.organization.path for a in role_assignments(user) if a.role == Role.INSPECTOR]
    editing = editable_paths(user) or []
    work = paths_q(inspecting + editing, org_path)
    if getattr(user, "is_authenticated", False):
        work |= Q(**{f"{prefix}member__user": user})
    return published | work


def commitments_visible_to(user) -> QuerySet[Commitment]:
    q = _visibility_q(user)
    qs = Commitment.objects.all()
    return qs if q is None else qs.filter(q)


def items_visible_to(user) -> QuerySet[CommitmentItem]:
    q = _visibility_q(user, "commitment__")
    qs = CommitmentItem.objects.all()
    return qs if q is None else qs.filter(q)


def reviewable_q(user) -> Q:
    """`rules.is_reviewer` as a condition on pledges: an organisation's pledge is reviewed
    from strictly above it, a member's from the member's organisation or above."""
    paths = editable_paths(user)
    if paths is None:
        return Q()
    q = Q(pk__in=[])
    for path in paths:
        q |= subtree_q(path, "organization__path") & (Q(member__isnull=False) | ~Q(organization__path=path))
    return q


def feedback_visible_to(user) -> QuerySet[Feedback]:
    """Feedback on pledges the user moderates: those of organisations the user may edit.
    Inspectors read it all."""
    paths = visible_paths(user)
    qs = Feedback.objects.all()
    if paths is None:
        return qs
    inspecting = [a.organization.path for a in role_assignments(user) if a.role == Role.INSPECTOR]
    return qs.filter(paths_q(inspecting + (editable_paths(user) or []), "commitment__organization__path"))


def public_commitments() -> QuerySet[Commitment]:
    """What anyone may see without logging in: published pledges."""
    return Commitment.objects.filter(status=CommitmentStatus.PUBLISHED)


def shown_feedback(commitment: Commitment) -> QuerySet[Feedback]:
    return commitment.feedback.filter(status=FeedbackStatus.SHOWN).order_by("-created_at", "-id")


def today() -> datetime.date:
    return timezone.localdate()


def delivery_case(day: datetime.date, prefix: str = "") -> Case:
    """`CommitmentItem.delivery_status` as an SQL expression."""
    return Case(
        When(**{f"{prefix}outcome": Outcome.DELIVERED}, then=Value(DeliveryStatus.DELIVERED.value)),
        When(**{f"{prefix}outcome": Outcome.NOT_DELIVERED}, then=Value(DeliveryStatus.NOT_DELIVERED.value)),
        When(**{f"{prefix}deadline__lt": day}, then=Value(DeliveryStatus.OVERDUE.value)),
        default=Value(DeliveryStatus.ON_TRACK.value),
        output_field=CharField(),
    )


def annotate_delivery(qs: QuerySet[CommitmentItem], day: datetime.date | None = None) -> QuerySet[CommitmentItem]:
    return qs.annotate(delivery=delivery_case(day or today()))


def overdue_q(day: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}outcome": Outcome.OPEN, f"{prefix}deadline__lt": day})


def timeline(item: CommitmentItem) -> QuerySet[ItemVersion]:
    """Every version of an item, newest first, with its evidence: two queries."""
    return item.versions.order_by("-number").prefetch_related("evidence")


def public_timeline(item: CommitmentItem) -> QuerySet[ItemVersion]:
    """The versions since the pledge was published: drafts before approval stay private."""
    first_public = item.versions.filter(kind=VersionKind.APPROVED).order_by("number").values("number")[:1]
    return timeline(item).filter(number__gte=first_public)
