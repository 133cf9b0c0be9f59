"""Reads of vanguard projects: who sees which, the dashboard's figures and the short record
a nomination's snapshot takes.

**Visibility**: county admins (and superusers), inspectors and county-level leaders see every
project of their roles' subtrees (leaders read them: the county's leaders commend post
pacesetters, so they follow the projects); organisation admins those of their subtrees; a
member with a login the projects they lead or co-own. Affiliates and others see none.
Progress, results, evidence and reviews are seen with their project."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum

from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import paths_q, role_paths, subtree_q

from .enums import RATING_POINTS, Measure, ProjectState, Rating, VanguardKind
from .models import Evidence, ProgressUpdate, Project, ResultLine, Review

CENTS = Decimal("0.01")
READING_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN, Role.INSPECTOR, Role.LEADER)
TOWNSHIP = "organization__township"


def owned_q(user_id: int) -> Q:
    """Projects the member whose login is `user_id` leads or co-owns (no join, so no duplicates)."""
    joined = Project.co_owners.through.objects.filter(member__user_id=user_id).values("project_id")
    return Q(lead__user_id=user_id) | Q(pk__in=joined)


def member_q(member_id: int) -> Q:
    joined = Project.co_owners.through.objects.filter(member_id=member_id).values("project_id")
    return Q(lead_id=member_id) | Q(pk__in=joined)


def projects_visible_to(user) -> QuerySet[Project]:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return Project.objects.none()
    paths = role_paths(user, READING_ROLES)
    if paths is None:
        return Project.objects.all()
    return Project.objects.filter(paths_q(paths, "organization__path") | owned_q(user.pk))


def progress_visible_to(user) -> QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.filter(project__in=projects_visible_to(user))


def results_visible_to(user) -> QuerySet[ResultLine]:
    return ResultLine.objects.filter(project__in=projects_visible_to(user))


def evidence_visible_to(user) -> QuerySet[Evidence]:
    return Evidence.objects.filter(project__in=projects_visible_to(user))


def reviews_visible_to(user) -> QuerySet[Review]:
    return Review.objects.filter(project__in=projects_visible_to(user))


def owned_by(user) -> QuerySet[Project]:
    """"My projects": those the user's member record leads or co-owns, within their view."""
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    return projects_visible_to(user).filter(owned_q(user.pk))


def in_subtree(qs: QuerySet[Project], path: str) -> QuerySet[Project]:
    return qs.filter(subtree_q(path, "organization__path"))


def search(qs: QuerySet[Project], text: str) -> QuerySet[Project]:
    text = text.strip()
    if not text:
        return qs
    return qs.filter(Q(title__icontains=text) | Q(lead__name__icontains=text) | Q(lead__code__iexact=text))


def annotate_latest(qs: QuerySet[Project]) -> QuerySet[Project]:
    """The latest progress percent and whether a review exists, as columns of the list."""
    latest = ProgressUpdate.objects.filter(project=OuterRef("pk")).order_by("-date", "-id").values("percent")[:1]
    return qs.annotate(percent=Subquery(latest), reviewed=Exists(Review.objects.filter(project=OuterRef("pk"))))


def _sum(value) -> Decimal:
    """A database sum as a Decimal with fen (SQLite drops trailing zeros, PostgreSQL keeps them)."""
    return Decimal(value or 0).quantize(CENTS)


@dataclass
class TownshipRow:
    township: str
    kinds: dict[str, int] = field(default_factory=dict)
    money_saved: Decimal = CENTS * 0
    problems_solved: Decimal = CENTS * 0

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


@dataclass
class Dashboard:
    rows: list[TownshipRow]
    states: dict[str, int]
    ratings: dict[str, int]
    measures: dict[str, Decimal]

    def kind_counts(self, row: TownshipRow) -> list[int]:
        return [row.kinds.get(kind, 0) for kind in VanguardKind.values]

    @property
    def total(self) -> int:
        return sum(self.states.values())


def dashboard(projects: QuerySet[Project]) -> Dashboard:
    """Projects by township and kind, by state, reviews by rating and every measure's total,
    money saved and problems solved per township: five queries whatever the county."""
    rows: dict[str, TownshipRow] = defaultdict(lambda: TownshipRow(""))
    for values in projects.order_by().values(TOWNSHIP, "kind").annotate(n=Count("id")):
        rows[values[TOWNSHIP]].kinds[values["kind"]] = values["n"]
    lines = ResultLine.objects.filter(project__in=projects).order_by()
    for values in lines.filter(measure__in=[Measure.MONEY_SAVED, Measure.PROBLEMS_SOLVED]).values(
            f"project__{TOWNSHIP}", "measure").annotate(total=Sum("amount")):
        row = rows[values[f"project__{TOWNSHIP}"]]
        setattr(row, values["measure"], _sum(values["total"]))
    for township, row in rows.items():
        row.township = township
    states = dict(projects.order_by().values_list("state").annotate(n=Count("id")))
    ratings = dict(Review.objects.filter(project__in=projects).order_by().values_list("rating").annotate(n=Count("id")))
    measures = dict(lines.values_list("measure").annotate(total=Sum("amount")))
    return Dashboard(rows=sorted(rows.values(), key=lambda r: r.township),
                     states={s: states.get(s, 0) for s in ProjectState.values},
                     ratings={r: ratings.get(r, 0) for r in Rating.values},
                     measures={m: _sum(measures.get(m)) for m in Measure.values})


def record_of(member=None, organization=None) -> dict:
    """A member's or an organisation's vanguard record for a nomination's snapshot: the
    projects the member leads or co-owns (or those of the organisation's subtree), counts by
    kind and state, reviews by rating with their mean points, and each measure's total."""
    if (member is None) == (organization is None):
        raise ValueError("record_of takes a member or an organisation")
    qs = Project.objects.filter(member_q(member.pk)) if member is not None else in_subtree(
        Project.objects.all(), organization.path)
    projects = list(qs.select_related("review").order_by("-starts_on", "id"))
    reviews = [p.review for p in projects if hasattr(p, "review")]
    totals = dict(ResultLine.objects.filter(project__in=qs).order_by().values_list("measure").annotate(
        total=Sum("amount")))
    return {
        "projects": [{"title": p.title, "kind": p.kind, "state": p.state, "starts_on": p.starts_on.isoformat(),
                      "ends_on": p.ends_on.isoformat(), "led": member is not None and p.lead_id == member.pk,
                      "rating": p.review.rating if hasattr(p, "review") else None} for p in projects],
        "by_kind": {k: sum(p.kind == k for p in projects) for k in VanguardKind.values},
        "by_state": {s: sum(p.state == s for p in projects) for s in ProjectState.values},
        "ratings": {r: sum(v.rating == r for v in reviews) for r in Rating.values},
        "mean_points": (round(sum(RATING_POINTS[Rating(v.rating)] for v in reviews) / len(reviews), 1)
                        if reviews else None),
        "results": {m: str(_sum(totals[m])) for m in Measure.values if m in totals},
    }
