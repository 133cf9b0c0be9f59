"""Reads, all scoped by the one visibility function `organizations_visible_to`."""
from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .enums import EDITING_ROLES, Gender, MemberStatus, OrgStatus
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


def paths_q(paths: list[str], field: str) -> Q:
    """Rows whose organisation path (through `field`) lies in one of the subtrees `paths`."""
    q = Q(pk__in=[])
    for path in paths:
        q |= subtree_q(path, field)
    return q


def organizations_visible_to(user) -> QuerySet[Organization]:
    """THE visibility decision: the subtrees of the organisations the user's roles attach to.

    Every page, API endpoint, export, command and admin list builds on this.
    """
    return _scoped(Organization.objects.all(), user, "path")


def _scoped(qs: QuerySet, user, path_field: str) -> QuerySet:
    """`qs` cut to the user's visible subtrees, through the organisation path in `path_field`."""
    paths = visible_paths(user)
    if paths is None:
        return qs
    if not paths:
        return qs.none()
    return qs.filter(paths_q(paths, path_field))


def members_visible_to(user) -> QuerySet[Member]:
    return _scoped(Member.objects.all(), user, "organization__path")


def leaders_visible_to(user) -> QuerySet[Leader]:
    return _scoped(Leader.objects.all(), user, "organization__path")


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


def role_paths(user, roles: Iterable[str]) -> list[str] | None:
    """Root paths of the subtrees the user holds one of `roles` in; None means everything
    (superusers). For apps whose records only some roles see (key tasks: not members)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    if not getattr(user, "is_active", False):
        return []
    roles = set(roles)
    return _covering_paths(a.organization.path for a in role_assignments(user) if a.role in roles)


def user_roles(user) -> set[str]:
    return {a.role for a in role_assignments(user)}




def search_organizations(qs: QuerySet[Organization], text: str) -> QuerySet[Organization]:
    text = (text or "").strip()
    if not text:
        return qs
    return qs.filter(Q(code__istartswith=text) | Q(name__icontains=text))



def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


#: Age bands of the dashboard: (key, lower age inclusive, upper age exclusive).
AGE_BANDS = (("under_30", None, 30), ("30_39", 30, 40), ("40_49", 40, 50), ("50_59", 50, 60), ("60_over", 60, None))


def _age_bands(today: datetime.date) -> dict[str, Q]:
    """Each age band as a condition on the birth date."""
    bands = {}
    for key, low, high in AGE_BANDS:
        cond = Q()
        if high is not None:
            cond &= Q(birth_date__gt=years_before(today, high))
        if low is not None:
            cond &= Q(birth_date__lte=years_before(today, low))
        bands[key] = cond
    return bands


#: Joins before this decade are counted in it ("before FIRST_JOIN_DECADE + 10").
FIRST_JOIN_DECADE = 1940


def _join_decades(today: datetime.date) -> dict[int, Q]:
    """Each joining decade as a condition on the join date (plain date ranges, so indexes and
    SQLite's C code do the work; Django's year extraction is a Python function on SQLite)."""
    decades = {}
    for decade in range(FIRST_JOIN_DECADE, today.year // 10 * 10 + 10, 10):
        cond = Q(join_date__lt=datetime.date(decade + 10, 1, 1))
        if decade > FIRST_JOIN_DECADE:
            cond &= Q(join_date__gte=datetime.date(decade, 1, 1))
        decades[decade] = cond
    return decades


def dashboard(user, *, today: datetime.date | None = None) -> dict:
    """Figures for the home page, all inside the user's view; two queries.

    Members are counted in ONE scan with filtered counts (COUNT … FILTER), not with GROUP BY:
    no sort, about three times faster on SQLite. Counts are keyed by codes, not labels: the
    view labels them. Archived organisations are left out of the organisation figures; their
    members, still members, are counted.
    """
    today = today or timezone.localdate()
    orgs = organizations_visible_to(user)
    members = members_visible_to(user)
    by_sector: dict[str, int] = {}
    by_level: dict[str, int] = {}
    org_groups = orgs.filter(status=OrgStatus.ACTIVE).values_list("sector", "level").annotate(n=Count("pk"))
    for sector, level, n in org_groups.order_by():
        by_sector[sector] = by_sector.get(sector, 0) + n
        by_level[level] = by_level.get(level, 0) + n

    bands, decades = _age_bands(today), _join_decades(today)
    counts = {"total": Count("pk"), "rural": Count("pk", filter=Q(is_rural=True))}
    counts.update({f"status_{v}": Count("pk", filter=Q(status=v)) for v in MemberStatus.values})
    counts.update({f"gender_{v}": Count("pk", filter=Q(gender=v)) for v in Gender.values})
    counts.update({f"band_{k}": Count("pk", filter=cond) for k, cond in bands.items()})
    counts.update({f"decade_{k}": Count("pk", filter=cond) for k, cond in decades.items()})
    got = members.aggregate(**counts)
    total = got["total"]
    by_band = {k: got[f"band_{k}"] for k in bands}
    if unknown := total - sum(by_band.values()):
        by_band["unknown"] = unknown
    by_decade: dict[int | None, int] = {k: got[f"decade_{k}"] for k in decades}
    while by_decade and not next(iter(by_decade.values())):
        del by_decade[next(iter(by_decade))]  # no empty bars before the first joining decade
    if unknown := total - sum(by_decade.values()):
        by_decade[None] = unknown
    return {
        "org_total": sum(by_sector.values()),
        "orgs_by_sector": by_sector,
        "orgs_by_level": by_level,
        "member_total": total,
        "members_by_status": {v: got[f"status_{v}"] for v in MemberStatus.values},
        "members_by_gender": {v: got[f"gender_{v}"] for v in Gender.values},
        "members_by_age_band": by_band,
        "members_by_join_decade": by_decade,
        "rural_members": got["rural"],
    }


#: How many of the newest rows of a whole table recent_changes looks among first.
RECENT_SCAN = 200


def _newest(model, visible: QuerySet, limit: int) -> list:
    """The `limit` rows of `visible` changed last.

    Sorting a province's view (millions of members) by updated_at costs seconds, and no index
    serves "newest inside this subtree". So first take the RECENT_SCAN newest ids of the whole
    table (the updated_at index, read in order) and keep the visible ones: when `limit` of them
    are visible, they are the answer (any visible row newer than the last of them is among those
    ids too). A narrow view, whose rows are rarely among the newest of the table, is small
    enough to sort: then the plain query.
    """
    order = ("-updated_at", "-pk")
    newest_ids = list(model.objects.order_by(*order).values_list("pk", flat=True)[:RECENT_SCAN])
    rows = list(visible.filter(pk__in=newest_ids).order_by(*order)[:limit])
    if len(rows) < limit and len(newest_ids) == RECENT_SCAN:
        rows = list(visible.order_by(*order)[:limit])
    return rows


def recent_changes(user, *, limit: int = 10) -> dict:
    """The organisations and members of the user's view changed most recently."""
    return {
        "recent_organizations": _newest(Organization, organizations_visible_to(user), limit),
        "recent_members": _newest(Member, members_visible_to(user).select_related("organization"), limit),
    }


# --- Page helpers -----------------------------------------------------------------


def annotate_direct_member_count(qs: QuerySet[Organization]) -> QuerySet[Organization]:
    """`member_count`: members held directly by each row, as a correlated subquery.

    Unlike a JOIN + GROUP BY it is computed only for the rows a LIMIT keeps, one index
    probe each (member_org_code_idx), so a page of children costs the same at any scale.
    """
    direct = (
        Member.objects.filter(organization=OuterRef("pk"))
        .order_by()
        .values("organization")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(member_count=Coalesce(Subquery(direct, output_field=IntegerField()), 0))


def ancestor_paths(path: str, steplen: int = Organization.steplen) -> list[str]:
    """Paths of the ancestors of a node, top first (read from the path itself, no query)."""
    return [path[:i] for i in range(steplen, len(path), steplen)]


def ancestors_by_path(paths: Iterable[str], visible: QuerySet[Organization]) -> dict[str, Organization]:
    """The visible ancestors of many nodes in one query, keyed by path."""
    wanted = {a for p in paths for a in ancestor_paths(p)}
    if not wanted:
        return {}
    rows = visible.filter(path__in=wanted).only("pk", "path", "depth", "code", "name", "status")
    return {org.path: org for org in rows}


def visible_children(parent: Organization, *, include_archived: bool = False) -> QuerySet[Organization]:
    """The children of `parent`, which the caller loaded from `organizations_visible_to`.

    A visible organisation's whole subtree is visible, so the children need no second
    visibility filter; leaving it out lets the database walk the path index from the parent
    alone instead of picking the user's wider range (or the status index) at province scale.
    Archived rows are excluded with NOT IN, which no index serves, for the same reason.
    """
    qs = Organization.objects.filter(subtree_q(parent.path), depth=parent.depth + 1)
    if not include_archived:
        qs = qs.exclude(status__in=[OrgStatus.DISSOLVED, OrgStatus.MERGED])
    return qs.order_by("path")
