"""Reads of activities, all scoped through `orgs.queries`.

**Visibility**: a user sees the activities of the organisations in their view (any role:
a member sees their branch's, a county admin the county's) and, when the login is a party
member's, those the member may attend (of their organisation or above it, or invited). Attendance and photos are seen with their activity.

**Flags** ("活动开展难"): active organisations of the user's county-level view (county
admins, organisation admins, leaders, inspectors) that held fewer than
ACTIVITY_FLAG_MIN_HELD activities (default 3) in the last ACTIVITY_FLAG_MONTHS months
(default 3); counted in SQL, one query per table.
"""
from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from pacesetter.orgs.enums import OrgStatus, Role
from pacesetter.orgs.models import Member, Organization
from pacesetter.orgs.queries import paths_q, role_paths, subtree_q, visible_paths

from .enums import ActivityState, AttendanceStatus
from .models import Activity, ActivityPhoto, Attendance
from .rules import MANAGE_ROLES

#: Roles that see the flags page.
FLAG_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN, Role.LEADER, Role.INSPECTOR)
DEFAULT_MIN_HELD = 3
DEFAULT_MONTHS = 3


def member_of(user) -> Member | None:
    """The party member a login belongs to, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.filter(user=user).select_related("organization").first()


def activities_visible_to(user) -> QuerySet[Activity]:
    qs = Activity.objects.all()
    paths = visible_paths(user)
    if paths is None:
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    member = member_of(user)
    if member is None:
        return qs.filter(paths_q(paths, "organization__path"))
    return qs.filter(paths_q(paths, "organization__path") | Q(pk__in=eligible_activities(member).values("pk")))


def attendances_visible_to(user) -> QuerySet[Attendance]:
    return Attendance.objects.filter(activity__in=activities_visible_to(user).values("pk"))


def photos_visible_to(user) -> QuerySet[ActivityPhoto]:
    return ActivityPhoto.objects.filter(activity__in=activities_visible_to(user).values("pk"))


def eligible_members(activity: Activity) -> QuerySet[Member]:
    """Who may attend: members of the organisation and those below it, and invited members."""
    invited = Activity.invited.through.objects.filter(activity_id=activity.pk, member_id=OuterRef("pk"))
    return Member.objects.filter(
        subtree_q(activity.organization.path, "organization__path") | Exists(invited)
    )


def present_count() -> Coalesce:
    """An activity's members present, as a correlated count: it runs for the rows a page or an
    export keeps (a JOIN + GROUP BY made a page group and sort every activity of a province: 5 s
    on the page, 13 s through the API)."""
    present = (
        Attendance.objects.filter(activity=OuterRef("pk"), status=AttendanceStatus.PRESENT)
        .order_by().values("activity").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(present, output_field=IntegerField()), 0)


def eligible_activities(member: Member) -> QuerySet[Activity]:
    """The activities a member may attend: of their organisation or above it, or invited."""
    org_path = member.organization.path
    ancestors = [org_path[:i] for i in range(Organization.steplen, len(org_path) + 1, Organization.steplen)]
    invited = Activity.invited.through.objects.filter(activity_id=OuterRef("pk"), member=member)
    return Activity.objects.filter(Q(organization__path__in=ancestors) | Exists(invited))


def organizations_run_by(user) -> QuerySet[Organization]:
    """Active organisations whose activities the user runs (rules.MANAGE_ROLES)."""
    paths = role_paths(user, MANAGE_ROLES)
    qs = Organization.objects.filter(status=OrgStatus.ACTIVE)
    if paths is None:
        return qs
    return qs.filter(paths_q(paths, "path")) if paths else qs.none()


def attendance_summary(activity: Activity) -> dict[str, int]:
    """Counts by status, and the eligible members: one query each."""
    counts = dict(activity.attendances.order_by().values_list("status").annotate(n=Count("pk")))
    summary = {status: counts.get(status, 0) for status in AttendanceStatus.values}
    summary["eligible"] = eligible_members(activity).count()
    return summary


def rate(present: int, eligible: int) -> float | None:
    return present / eligible if eligible else None


def flag_settings() -> tuple[int, int]:
    """(fewest held activities, months looked back) of the flag."""
    return (int(getattr(settings, "ACTIVITY_FLAG_MIN_HELD", DEFAULT_MIN_HELD)),
            int(getattr(settings, "ACTIVITY_FLAG_MONTHS", DEFAULT_MONTHS)))


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=d)
        except ValueError:
            continue
    raise ValueError(day)


def flag_organizations_visible_to(user) -> QuerySet[Organization]:
    """Active organisations in the user's flag view (county admins, organisation admins,
    leaders and inspectors; none for others)."""
    qs = Organization.objects.filter(status=OrgStatus.ACTIVE)
    paths = role_paths(user, FLAG_ROLES)
    if paths is None:
        return qs
    return qs.filter(paths_q(paths, "path")) if paths else qs.none()


def with_held_counts(orgs: QuerySet[Organization], *, since: datetime.date, until: datetime.date
                     ) -> QuerySet[Organization]:
    """Each organisation annotated `held`: its own activities held from `since` to `until`."""
    held = Q(activities__state=ActivityState.HELD, activities__day__gte=since, activities__day__lte=until)
    return orgs.annotate(held=Count("activities", filter=held))


def flagged(orgs: QuerySet[Organization], *, today: datetime.date | None = None) -> QuerySet[Organization]:
    """The organisations of `orgs` that held too few activities lately, fewest first."""
    today = today or timezone.localdate()
    least, months = flag_settings()
    counted = with_held_counts(orgs, since=months_before(today, months), until=today)
    return counted.filter(held__lt=least).order_by("held", "township", "path")


def held_per_month(orgs: QuerySet[Organization], *, since: datetime.date, until: datetime.date
                   ) -> dict[datetime.date, int]:
    """First day of the month → activities held that month by `orgs`; one GROUP BY query."""
    rows = (
        Activity.objects.filter(state=ActivityState.HELD, day__gte=since, day__lte=until,
                                organization__in=orgs.values("pk"))
        .annotate(month=TruncMonth("day")).values_list("month").annotate(n=Count("pk")).order_by("month")
    )
    return {(m.date() if isinstance(m, datetime.datetime) else m): n for m, n in rows}
