"""Reads of selections: who sees what, the counts and the public notice.

**Visibility**
- honour kinds: every signed-in user with a role (the county's list of honours);
- selections: county admins (and superusers) see every selection, drafts included; any
  other signed-in user with a role sees those past the draft;
- nominations: of the visible selections, those whose nominee organisation or nominating
  organisation lies in the user's organisation subtrees (organizations_visible_to);
- objections: county admins and inspectors, over the nominees in their subtrees;
- the public notice (no login): selections on notice or final and their shortlisted,
  confirmed or dropped-after-objection nominees, without private data.
"""
from __future__ import annotations

from django.db.models import Count, F, Q, QuerySet

from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import RoleAssignment
from pacesetter.orgs.queries import organizations_visible_to, paths_q, role_assignments, role_paths

from .enums import NominationStatus, SelectionState
from .models import HonourKind, Nomination, NominationEvidence, Objection, Selection


def _active(user) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_authenticated", False))


def _has_role(user) -> bool:
    return getattr(user, "is_superuser", False) or RoleAssignment.objects.filter(user_id=user.pk).exists()


def _is_county_admin(user) -> bool:
    return _active(user) and role_paths(user, [Role.COUNTY_ADMIN]) != []


def honour_kinds_visible_to(user) -> QuerySet[HonourKind]:
    if not _active(user) or not _has_role(user):
        return HonourKind.objects.none()
    return HonourKind.objects.all()


def selections_visible_to(user) -> QuerySet[Selection]:
    if not _active(user):
        return Selection.objects.none()
    if _is_county_admin(user):
        return Selection.objects.all()
    if _has_role(user):
        return Selection.objects.exclude(state=SelectionState.DRAFT)
    return Selection.objects.none()


def nominations_visible_to(user) -> QuerySet[Nomination]:
    orgs = organizations_visible_to(user)
    return Nomination.objects.filter(
        Q(organization__in=orgs) | Q(nominated_by__in=orgs), selection__in=selections_visible_to(user))


def evidence_visible_to(user) -> QuerySet[NominationEvidence]:
    return NominationEvidence.objects.filter(nomination__in=nominations_visible_to(user))


def objections_visible_to(user) -> QuerySet[Objection]:
    if not _active(user):
        return Objection.objects.none()
    paths = role_paths(user, [Role.COUNTY_ADMIN, Role.INSPECTOR])
    if paths is None:
        return Objection.objects.all()
    if not paths:
        return Objection.objects.none()
    return Objection.objects.filter(paths_q(paths, "nomination__organization__path"))


#: Nominees the public notice shows: on the list, confirmed, or dropped after an objection.
PUBLIC_STATUSES = (NominationStatus.SHORTLISTED, NominationStatus.CONFIRMED, NominationStatus.DROPPED)


def selections_on_notice() -> QuerySet[Selection]:
    """Selections whose list the public may read: on notice, final or commended."""
    return Selection.objects.filter(
        state__in=[SelectionState.NOTICE, SelectionState.FINAL, SelectionState.COMMENDED])


def public_nominees(selection: Selection) -> QuerySet[Nomination]:
    return (selection.nominations.filter(status__in=PUBLIC_STATUSES)
            .select_related("organization", "member", "affiliate_unit").order_by(F("rank").asc(nulls_last=True), "id"))


def status_counts(selection: Selection, nominations: QuerySet[Nomination]) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, zeros included, of the nominations given."""
    found = dict(nominations.filter(selection=selection).values_list("status").annotate(n=Count("pk"))
                 .order_by())
    return [(value, label, found.get(value, 0)) for value, label in NominationStatus.choices]


def awaiting_review(user) -> QuerySet[Nomination]:
    """Nominations whose next review is the user's: the township review (status submitted,
    the nominee below a township the user is organisation admin of) and, for county admins,
    the county review (township-approved, or submitted by a unit at or right below the
    county). The same decision as domain.may_review, in one query."""
    townships = [a.organization.path for a in role_assignments(user)
                 if a.role == Role.ORG_ADMIN and a.organization.depth == 2]
    due = Q(status=NominationStatus.SUBMITTED, organization__depth__gt=2) & paths_q(townships, "organization__path")
    if _is_county_admin(user) or getattr(user, "is_superuser", False):
        due |= Q(status=NominationStatus.TOWNSHIP_APPROVED) | Q(status=NominationStatus.SUBMITTED,
                                                                organization__depth__lte=2)
    return nominations_visible_to(user).filter(due, selection__state__in=[SelectionState.NOMINATING,
                                                                          SelectionState.REVIEWING])
