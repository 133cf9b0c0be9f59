"""Reads of linkage, all scoped through `orgs.queries` subtrees.

**Visibility**: county admins, organisation admins, affiliate admins and inspectors see the
affiliate units linked to the party organisations of their subtrees, with those units'
honours and the joint activities held by those organisations; leaders, members and users
without a role see none. An affiliate admin's subtree is the one of their role's party
organisation, so another unit is missing to them (404); an affiliate admin narrowed to one
kind (a trade union's admin) sees only units of that kind, their honours and the joint
activities one of them took part in.

**Coverage** (`coverage`): of the active party organisations in view, how many have an
active affiliate unit of each kind, grouped by sector or township, counted in one SQL query.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from pacesetter.orgs.enums import OrgStatus, Role
from pacesetter.orgs.models import Organization
from pacesetter.orgs.queries import paths_q, role_assignments, role_paths, subtree_q

from .enums import AffiliateKind
from .models import ActivityPhoto, AffiliateHonour, AffiliateUnit, JointActivity

#: Roles that see the affiliates of their subtree.
READ_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN, Role.AFFILIATE_ADMIN, Role.INSPECTOR)
#: How many years of honours `affiliate_honours_of` reports (this year included).
HONOUR_YEARS = 3


def _scope_q(user, path_field: str, kind_q) -> Q | None:
    """The rows in the user's linkage view: the subtrees of their READ_ROLES, where an
    affiliate admin narrowed to one kind (RoleAssignment.affiliate_kind) only reaches that
    kind, `kind_q(kind)`. None: everything (superusers)."""
    paths = role_paths(user, READ_ROLES)
    if paths is None:
        return None
    q = Q(pk__in=[])
    if not paths:
        return q
    for assignment in role_assignments(user):
        if assignment.role not in READ_ROLES:
            continue
        part = subtree_q(assignment.organization.path, path_field)
        if assignment.role == Role.AFFILIATE_ADMIN and assignment.affiliate_kind:
            part &= kind_q(assignment.affiliate_kind)
        q |= part
    return q


def _scoped(qs: QuerySet, user, path_field: str, kind_q=lambda kind: Q()) -> QuerySet:
    q = _scope_q(user, path_field, kind_q)
    return qs if q is None else qs.filter(q)


def units_visible_to(user) -> QuerySet[AffiliateUnit]:
    return _scoped(AffiliateUnit.objects.all(), user, "organization__path", lambda kind: Q(kind=kind))


def honours_visible_to(user) -> QuerySet[AffiliateHonour]:
    return _scoped(AffiliateHonour.objects.all(), user, "unit__organization__path", lambda kind: Q(unit__kind=kind))


def _with_unit_of(kind: str) -> Q:
    """Activities held with at least one unit of `kind` (a subquery: no duplicate rows)."""
    links = JointActivity.units.through.objects.filter(affiliateunit__kind=kind)
    return Q(pk__in=links.values("jointactivity_id"))


def activities_visible_to(user) -> QuerySet[JointActivity]:
    """A narrowed affiliate admin sees the activities their kind of unit took part in."""
    return _scoped(JointActivity.objects.all(), user, "organization__path", _with_unit_of)


def photos_visible_to(user) -> QuerySet[ActivityPhoto]:
    return ActivityPhoto.objects.filter(activity__in=activities_visible_to(user))


def covered_organizations(user) -> QuerySet[Organization]:
    """The active party organisations in the user's linkage view, each annotated
    `has_<kind>`: whether an active affiliate unit of that kind is linked to it."""
    qs = _scoped(Organization.objects.filter(status=OrgStatus.ACTIVE), user, "path")
    return qs.annotate(**{f"has_{kind}": Exists(AffiliateUnit.objects.filter(
        organization=OuterRef("pk"), kind=kind, active=True)) for kind in AffiliateKind.values})


@dataclass
class CoverageRow:
    """One group (a sector or a township) of the coverage table."""

    key: str
    label: str
    total: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> list[tuple[int, float | None]]:
        """(count, share) per kind, in AffiliateKind order; share is None for an empty group."""
        return [(self.counts[k], self.counts[k] / self.total if self.total else None) for k in AffiliateKind.values]


def coverage(organizations: QuerySet[Organization], by: str) -> list[CoverageRow]:
    """Coverage of `organizations` (from covered_organizations) grouped by "sector" or
    "township", with a last row for all of them: one query."""
    if by not in ("sector", "township"):
        raise ValueError(by)
    counts = {kind: Count("pk", filter=Q(**{f"has_{kind}": True})) for kind in AffiliateKind.values}
    grouped = organizations.order_by().values(by).annotate(total=Count("pk"), **counts).order_by(by)
    labels = dict(Organization._meta.get_field("sector").choices) if by == "sector" else {}
    rows = [
        CoverageRow(key=row[by], label=str(labels.get(row[by], row[by])) or "—", total=row["total"],
                    counts={k: row[k] for k in AffiliateKind.values})
        for row in grouped
    ]
    total = CoverageRow(key="", label="", total=sum(r.total for r in rows),
                        counts={k: sum(r.counts[k] for r in rows) for k in AffiliateKind.values})
    return [*rows, total]


def lacking(organizations: QuerySet[Organization], kind: str) -> QuerySet[Organization]:
    """The organisations (from covered_organizations) without an active unit of `kind`."""
    return organizations.filter(**{f"has_{kind}": False}).order_by("township", "path")


def affiliate_honours_of(organization: Organization) -> list[dict]:
    """The honours of the last HONOUR_YEARS years of the affiliate units linked to the party
    organisation, newest first, as plain values for a selection's record snapshot."""
    since = timezone.localdate().year - HONOUR_YEARS + 1
    honours = AffiliateHonour.objects.filter(unit__organization=organization, year__gte=since).select_related("unit")
    return [
        {"year": h.year, "title": h.title, "kind": h.unit.kind, "unit": h.unit.name,
         "recipient": h.recipient, "person_name": h.person_name, "awarded_by": h.awarded_by}
        for h in honours.order_by("-year", "unit__kind", "id")
    ]


def unit_record(unit: AffiliateUnit) -> dict:
    """An affiliate unit's own record for a selection's snapshot: the unit, its honours of the
    last HONOUR_YEARS years and the joint activities it took part in over those years."""
    since = timezone.localdate().year - HONOUR_YEARS + 1
    honours = unit.honours.filter(year__gte=since).order_by("-year", "id")
    return {
        "code": unit.code, "name": unit.name, "kind": unit.kind, "members_count": unit.members_count,
        "honours": [{"year": h.year, "title": h.title, "recipient": h.recipient, "person_name": h.person_name,
                     "awarded_by": h.awarded_by} for h in honours],
        "joint_activities": unit.activities.filter(held_on__year__gte=since).count(),
    }


def organizations_managed_by(user, roles) -> QuerySet[Organization]:
    """Active party organisations in the subtrees where the user holds one of `roles`: the
    choices of the unit forms."""
    paths = role_paths(user, roles)
    qs = Organization.objects.filter(status=OrgStatus.ACTIVE)
    if paths is None:
        return qs
    return qs.filter(paths_q(paths, "path")) if paths else qs.none()
