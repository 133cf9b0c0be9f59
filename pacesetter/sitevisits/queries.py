"""Reads of observation meetings: who sees what, the live progress and the ranking.

**Visibility**
- meetings and their sites: county admins (and superusers) see every meeting, drafts
  included; any other signed-in user with a role sees those past the draft;
- observers, their codes and the sheets: county admins only;
- the results of a published meeting are public (no login).

**Ranking**: by the mean of the sheets' totals, highest first; ties go to the higher mean
on the sheet's first criterion, then the second, and so on, then to the earlier site in
the visiting order. Sites without a sheet are not ranked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, QuerySet

from pacesetter.orgs.enums import Role
from pacesetter.orgs.models import RoleAssignment
from pacesetter.orgs.queries import role_paths

from .enums import MeetingState
from .models import Meeting, Observer, Sheet, Site


def _active(user) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_authenticated", False))


def _is_county_admin(user) -> bool:
    return _active(user) and role_paths(user, [Role.COUNTY_ADMIN]) != []


def meetings_visible_to(user) -> QuerySet[Meeting]:
    if not _active(user):
        return Meeting.objects.none()
    if _is_county_admin(user):
        return Meeting.objects.all()
    if RoleAssignment.objects.filter(user_id=user.pk).exists():
        return Meeting.objects.exclude(state=MeetingState.DRAFT)
    return Meeting.objects.none()


def sites_visible_to(user) -> QuerySet[Site]:
    return Site.objects.filter(meeting__in=meetings_visible_to(user))


def observers_visible_to(user) -> QuerySet[Observer]:
    return Observer.objects.all() if _is_county_admin(user) else Observer.objects.none()


def sheets_visible_to(user) -> QuerySet[Sheet]:
    return Sheet.objects.all() if _is_county_admin(user) else Sheet.objects.none()


def published_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(state=MeetingState.PUBLISHED)


def progress(meeting: Meeting) -> QuerySet[Site]:
    """The meeting's sites in visiting order with the number of sheets received."""
    return meeting.sites.select_related("organization").annotate(received=Count("sheets")).order_by("position")


def published_results(meeting: Meeting) -> QuerySet[Site]:
    """The ranked sites of a published meeting, best first, then the unranked in order."""
    return meeting.sites.select_related("organization").order_by("rank", "position")


@dataclass
class Ranked:
    site: Site
    mean: Decimal
    sheets: int
    criterion_means: list[Decimal] = field(default_factory=list)
    rank: int = 0


def _two_places(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def ranking(meeting: Meeting) -> list[Ranked]:
    """The ranked sites (see the module's docstring), computed exactly from the scores."""
    criteria = [c.pk for c in meeting.criteria.order_by("position")]
    sites = list(meeting.sites.select_related("organization").prefetch_related("sheets__scores"))
    rows = []
    for site in sites:
        sheets = list(site.sheets.all())
        if not sheets:
            continue
        mean = Fraction(sum(s.total for s in sheets), len(sheets))
        per = [Fraction(sum(p.points for s in sheets for p in s.scores.all() if p.criterion_id == c), len(sheets))
               for c in criteria]
        rows.append((mean, per, site, len(sheets)))
    rows.sort(key=lambda row: ([-row[0]] + [-m for m in row[1]], row[2].position))
    return [Ranked(site, _two_places(mean), n, [_two_places(m) for m in per], rank=i)
            for i, (mean, per, site, n) in enumerate(rows, start=1)]
