"""Reads, all scoped by the one visibility function `organizations_visible_to`."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, Q, QuerySet

from .enums import EDITING_ROLES, OrgStatus, Role
from .models import Leader, Member, Organization, RoleAssignment

# Any character that sorts after every character of treebeard's path alphabet (0-9A-Z).
_PATH_END = "~"


def subtree_q(path: str, field: str = "path") -> Q:
    """Rows whose path lies in the subtree rooted at `path` (the node included).

    SQLite's LIKE is case-insensitive and so cannot use the path index; a range on the
    BINARY-collated index can. PostgreSQL's LIKE 'prefix%' uses the varchar_pattern_ops
    index Django makes for unique CharFields, and is right under any collation.
    """
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": path, f"{field}__lt": path + _PATH_END})
    return Q(**{f"{field}__startswith": path})


def _covering_paths(paths: Iterable[str]) -> list[str]:
    """Drop paths that lie inside another of the paths."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def role_assignments(user) -> list[RoleAssignment]:
    """The user's roles with their organisations, loaded once per user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_pacesetter_roles", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).select_related("organization"))
        user._pacesetter_roles = cached
    return cached


def visible_paths(user) -> list[str] | None:
    """Root paths of what the user sees; None means everything (superusers)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    if not getattr(user, "is_active", False):
        return []
    return _covering_paths(a.organization.path for a in role_assignments(user))


def _paths_q(paths: list[str], field: str) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= subtree_q(path, field)
    return q


def organizations_visible_to(user) -> QuerySet[Organization]:
    """THE visibility decision: the subtrees of the organisations the user's roles attach to.

    Every page, API endpoint, export, command and admin list builds on this.
    """
    paths = visible_paths(user)
    qs = Organization.objects.all()
    if paths is None:
        return qs
    if not paths:
        return qs.none()
    return qs.filter(_paths_q(paths, "path"))


def members_visible_to(user) -> QuerySet[Member]:
    paths = visible_paths(user)
    qs = Member.objects.all()
    if paths is None:
        return qs
    if not paths:
        return qs.none()
    return qs.filter(_paths_q(paths, "organization__path"))


def leaders_visible_to(user) -> QuerySet[Leader]:
    paths = visible_paths(user)
    qs = Leader.objects.all()
    if paths is None:
        return qs
    if not paths:
        return qs.none()
    return qs.filter(_paths_q(paths, "organization__path"))


def visible_roots(user) -> QuerySet[Organization]:
    """The top organisations of the user's view: where the tree browser starts."""
    paths = visible_paths(user)
    if paths is None:
        return Organization.objects.filter(depth=1).order_by("path")
    return Organization.objects.filter(path__in=paths).order_by("path")


def editable_paths(user) -> list[str] | None:
    """Root paths the user may change; None means everything."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    if not getattr(user, "is_active", False):
        return []
    return _covering_paths(a.organization.path for a in role_assignments(user) if a.role in EDITING_ROLES)


def user_roles(user) -> set[str]:
    return {a.role for a in role_assignments(user)}


def children_of(parent: Organization | None, visible: QuerySet[Organization], *, include_archived: bool = False):
    qs = visible.filter(depth=(parent.depth + 1 if parent else 1))
    if parent is not None:
        qs = qs.filter(subtree_q(parent.path))
    if not include_archived:
        qs = qs.filter(status=OrgStatus.ACTIVE)
    return qs.order_by("path")


def annotate_member_count(qs: QuerySet[Organization]) -> QuerySet[Organization]:
    return qs.annotate(member_count=Count("members"))


def search_organizations(qs: QuerySet[Organization], text: str) -> QuerySet[Organization]:
    text = (text or "").strip()
    if not text:
        return qs
    return qs.filter(Q(code__istartswith=text) | Q(name__icontains=text))


def is_county_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.COUNTY_ADMIN in user_roles(user)


def dashboard(user) -> dict:
    """Figures for the home page, all inside the user's view."""
    orgs = organizations_visible_to(user).filter(status=OrgStatus.ACTIVE)
    by_sector = dict(orgs.values_list("sector").annotate(n=Count("pk")).order_by())
    by_level = dict(orgs.values_list("level").annotate(n=Count("pk")).order_by())
    return {
        "org_total": sum(by_sector.values()),
        "orgs_by_sector": by_sector,
        "orgs_by_level": by_level,
        "member_total": members_visible_to(user).count(),
    }
