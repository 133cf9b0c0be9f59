"""A year of party activities for the demo county's branches: the monthly themed party day,
branch meetings, committee meetings, party lessons and volunteer service, most held, a few
cancelled, the next weeks' planned; attendance for the last two months' activities; about
one branch in ten holds too few lately (活动开展难), so the flags page has something to show.

Bulk-inserted for speed (tens of thousands of rows); the domain functions are exercised by
the pages, the API and the tests."""
from __future__ import annotations

import datetime
import random

from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.orgs.enums import OrgLevel, OrgStatus
from pacesetter.orgs.models import Member, Organization
from pacesetter.orgs.queries import subtree_q

from .enums import ActivityKind, ActivityState, AttendanceSource, AttendanceStatus
from .models import Activity, Attendance

TITLES = {
    ActivityKind.THEMED_DAY: ("主题党日：重温入党誓词", "主题党日：学习贯彻党的二十大精神", "主题党日：走访慰问困难党员",
                              "主题党日：“我为群众办实事”", "主题党日：参观红色教育基地"),
    ActivityKind.BRANCH_MEETING: ("支部党员大会：发展党员表决", "支部党员大会：民主评议党员", "支部党员大会：传达县委全会精神"),
    ActivityKind.COMMITTEE_MEETING: ("支部委员会：研究月度工作", "支部委员会：讨论创先争优承诺事项"),
    ActivityKind.PARTY_LESSON: ("书记讲党课：弘扬优良作风", "专题党课：乡村振兴与党员担当", "党课：学习先进典型"),
    ActivityKind.VOLUNTEER: ("党员志愿服务：环境整治", "党员志愿服务：助农抢收", "党员志愿服务：文明交通劝导"),
}
PLACES = ("党群服务中心会议室", "村委会议室", "党员活动室", "新时代文明实践站", "社区广场")
LEAVE_REASONS = ("外出务工", "身体不适", "出差", "照顾家人")
#: Share of branches that hold too few activities lately.
FEW_SHARE = 0.1
MONTHS = 12
#: Branches that get a year of activities: every branch of a county (about a thousand); in the
#: province of the benchmarks, the first ones in tree order (a year for all 90,000 branches is
#: 3 million activities and 12 million attendance rows: most of the seed's time and 12 GB of memory).
MAX_BRANCHES = 3000


def _month_start(today: datetime.date, back: int) -> datetime.date:
    month = today.month - 1 - back
    return datetime.date(today.year + month // 12, month % 12 + 1, 1)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def _plans(branch: Organization, *, today: datetime.date, few: bool, rng: random.Random) -> list[Activity]:
    rows = []
    for back in range(MONTHS - 1, -2, -1):  # a year back and next month
        first = _month_start(today, back)
        kinds = [ActivityKind.THEMED_DAY, ActivityKind.COMMITTEE_MEETING]
        if first.month in (3, 6, 9, 12):
            kinds += [ActivityKind.BRANCH_MEETING, ActivityKind.PARTY_LESSON]
        if rng.random() < 0.3:
            kinds.append(ActivityKind.VOLUNTEER)
        if few and back < 3:
            kinds = kinds[:1] if rng.random() < 0.5 else []
        for kind in kinds:
            day = first + datetime.timedelta(days=rng.randint(0, 26))
            hour = rng.choice((9, 14, 19))
            if day > today:
                state = ActivityState.PLANNED
            elif rng.random() < 0.04:
                state = ActivityState.CANCELLED
            else:
                state = ActivityState.HELD
            rows.append(Activity(
                organization=branch, kind=kind, title=rng.choice(TITLES[kind]), starts_at=_at(day, hour),
                ends_at=_at(day, hour + 2), day=day, place=rng.choice(PLACES), state=state,
                agenda="一、学习传达上级精神\n二、讨论本月工作\n三、党员发言",
                minutes="会议按议程进行，党员结合工作实际作了发言。" if state == ActivityState.HELD else "",
                cancel_reason="恶劣天气，改期举行" if state == ActivityState.CANCELLED else ""))
    return rows


def _attendance(activity: Activity, members: list[int], rng: random.Random) -> list[Attendance]:
    rows = []
    for member_id in members:
        roll = rng.random()
        if roll < 0.82:
            status, reason = AttendanceStatus.PRESENT, ""
        elif roll < 0.94:
            status, reason = AttendanceStatus.LEAVE, rng.choice(LEAVE_REASONS)
        else:
            status, reason = AttendanceStatus.ABSENT, ""
        source = AttendanceSource.QR if status == AttendanceStatus.PRESENT and rng.random() < 0.7 else \
            AttendanceSource.MANUAL
        rows.append(Attendance(activity=activity, member_id=member_id, status=status, reason=reason, source=source))
    return rows


def seed(root: Organization, *, rng: random.Random) -> str:
    today = timezone.localdate()
    branches = list(Organization.objects.filter(subtree_q(root.path), level=OrgLevel.BRANCH,
                                                status=OrgStatus.ACTIVE).order_by("path")[:MAX_BRANCHES])
    few = {b.pk for b in branches if rng.random() < FEW_SHARE}
    activities = Activity.objects.bulk_create(
        [a for b in branches for a in _plans(b, today=today, few=b.pk in few, rng=rng)], batch_size=2000)
    members: dict[int, list[int]] = {}
    for member_id, org_id in Member.objects.filter(organization__in=branches).values_list("pk", "organization_id"):
        members.setdefault(org_id, []).append(member_id)
    recent = _month_start(today, 1)
    attendance = [row for a in activities if a.state == ActivityState.HELD and a.day >= recent
                  for row in _attendance(a, members.get(a.organization_id, []), rng)]
    Attendance.objects.bulk_create(attendance, batch_size=5000)
    held = sum(a.state == ActivityState.HELD for a in activities)
    return _("Party activities: %(activities)d for %(branches)d branches (%(held)d held), %(attendance)d attendance "
             "records; %(few)d branches held too few lately.") % {
        "activities": len(activities), "branches": len(branches), "held": held, "attendance": len(attendance),
        "few": len(few)}
