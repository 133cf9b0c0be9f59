"""What vanguard projects supply to evaluation: the figure of the VANGUARD record indicator.

Registered with `pacesetter.evaluation.sources` when the app is ready, so evaluation never
imports this app. Only reviewed projects count, and only reviews given in the RECORD_DAYS
days up to the day the round closes (Asia/Shanghai): a project's points are its rating's
(enums.RATING_POINTS: excellent 100, good 80, fair 60, poor 40).

- A member subject: the mean points of the reviewed projects the member leads or co-owns;
  None when there is none.
- An organisation subject O: over the N members of O's subtree, the sum of each member's
  mean points from the reviewed projects of O's subtree they lead or co-own (0 for a member
  in none), divided by N. So 100 means every member is in a project rated excellent, 20
  that a fifth of them are (or a quarter, rated good). None when no project of O's subtree has a review in the window (nothing is due yet) or O has no
  members.

Six queries for a round, whatever its number of subjects; the subtree sums are made in
Python over the organisations' paths, one pass per member with a project.
"""
from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from pacesetter.evaluation import sources as ev_sources
from pacesetter.evaluation.enums import IndicatorSource
from pacesetter.evaluation.models import Round
from pacesetter.orgs.models import Member, Organization
from pacesetter.orgs.queries import paths_q

from .enums import RATING_POINTS, Rating
from .models import Project, Review

RECORD_DAYS = 365
STEP = Organization.steplen


def _prefixes(path: str) -> list[str]:
    return [path[:end] for end in range(STEP, len(path) + 1, STEP)]


def reviewed_points(on: datetime.date, *, paths: list[str] | None = None,
                    member_ids: list[int] | None = None) -> dict[int, list[tuple[str, int]]]:
    """member id → (project organisation's path, points) of each project reviewed in the
    window ending on `on` that the member leads or co-owns."""
    reviews = Review.objects.filter(reviewed_on__gt=on - datetime.timedelta(days=RECORD_DAYS), reviewed_on__lte=on)
    if paths is not None:
        reviews = reviews.filter(paths_q(paths, "project__organization__path"))
    points = {pid: (path, RATING_POINTS[Rating(rating)]) for pid, path, rating in
              reviews.values_list("project_id", "project__organization__path", "rating")}
    owners = [(lead, pid) for pid, lead in Project.objects.filter(pk__in=points).values_list("pk", "lead_id")]
    owners += [(m, pid) for pid, m in Project.co_owners.through.objects.filter(
        project_id__in=points).values_list("project_id", "member_id")]
    found: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for member_id, pid in owners:
        if member_ids is None or member_id in member_ids:
            found[member_id].append(points[pid])
    return found


def _mean(values: list[int]) -> float:
    return sum(values) / len(values)


def organization_figures(on: datetime.date, organizations: list[Organization]) -> dict[int, float | None]:
    """organisation id → the figure of the module docstring, on the day `on`."""
    paths = [org.path for org in organizations]
    if not paths:
        return {}
    wanted = set(paths)
    members_by_path: dict[str, int] = defaultdict(int)
    for path, n in Member.objects.filter(paths_q(paths, "organization__path")).order_by().values_list(
            "organization__path").annotate(n=Count("id")):
        for prefix in _prefixes(path):
            members_by_path[prefix] += n
    found = reviewed_points(on, paths=paths)
    member_paths = dict(Member.objects.filter(pk__in=list(found)).values_list("pk", "organization__path"))
    due: set[str] = set()
    sums: dict[str, float] = defaultdict(float)
    for member_id, projects in found.items():
        for project_path, _points in projects:
            due.update(_prefixes(project_path))
        member_path = member_paths.get(member_id)
        if member_path is None:
            continue
        for prefix in _prefixes(member_path):
            if prefix in wanted:
                mine = [p for path, p in projects if path.startswith(prefix)]
                if mine:
                    sums[prefix] += _mean(mine)
    return {org.pk: (sums[org.path] / members_by_path[org.path]
                     if org.path in due and members_by_path[org.path] else None) for org in organizations}


def member_figures(on: datetime.date, member_ids: list[int]) -> dict[int, float | None]:
    found = reviewed_points(on, member_ids=set(member_ids))
    return {m: (_mean([p for _path, p in found[m]]) if found.get(m) else None) for m in member_ids}


def vanguard_values(round_: Round, subjects: list[ev_sources.SubjectRow]) -> dict[int, float | None]:
    on = timezone.localdate(round_.closes_at)
    org_ids = {s.organization_id for s in subjects if s.member_id is None}
    orgs = list(Organization.objects.filter(pk__in=org_ids).only("id", "path"))
    by_org = organization_figures(on, orgs)
    by_member = member_figures(on, [s.member_id for s in subjects if s.member_id is not None])
    return {s.id: (by_org.get(s.organization_id) if s.member_id is None else by_member.get(s.member_id))
            for s in subjects}


ev_sources.register(IndicatorSource.VANGUARD, vanguard_values)
