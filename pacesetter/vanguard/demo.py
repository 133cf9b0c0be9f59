"""The vanguard projects of the demo county: about TARGET projects spread over the townships'
organisations, of the kinds that suit each sector (posts in agencies and hospitals, zones in
villages and communities, breakthrough projects in enterprises, brand projects in schools),
with their progress, results and, for most completed ones, a review.

Everything goes through the domain functions, so the audit log holds it too."""
from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.orgs.enums import OrgStatus, Role, Sector
from pacesetter.orgs.models import Member, Organization, RoleAssignment

from . import domain
from .enums import Measure, ProjectState, Rating, VanguardKind

TARGET = 120
PREFIX = {VanguardKind.ZONE: "党员责任区", VanguardKind.POST: "党员先锋岗", VanguardKind.BRAND: "党员品牌工程",
          VanguardKind.BREAKTHROUGH: "党员攻关项目"}
TOPICS = {
    VanguardKind.ZONE: ("村道保洁", "网格巡查", "人居环境整治", "邻里纠纷调解", "独居老人结对照料", "河道巡护"),
    VanguardKind.POST: ("窗口服务零投诉", "一次办好", "便民服务示范岗", "急诊绿色通道", "安全生产示范岗", "文明执法"),
    VanguardKind.BRAND: ("红色课堂", "红烛先锋", "初心讲堂", "红色宣讲队", "书香校园"),
    VanguardKind.BREAKTHROUGH: ("节能降耗", "工艺改进", "质量提升", "技术革新", "降本增效"),
}
#: sector → the kinds its projects take, most likely first.
SECTOR_KINDS = {
    Sector.AGENCY: (VanguardKind.POST, VanguardKind.POST, VanguardKind.BRAND),
    Sector.HEALTH: (VanguardKind.POST, VanguardKind.POST, VanguardKind.BREAKTHROUGH),
    Sector.SCHOOL: (VanguardKind.BRAND, VanguardKind.BRAND, VanguardKind.POST),
    Sector.ENTERPRISE: (VanguardKind.BREAKTHROUGH, VanguardKind.BREAKTHROUGH, VanguardKind.POST),
    Sector.SOCIAL: (VanguardKind.BRAND, VanguardKind.ZONE),
    Sector.VILLAGE: (VanguardKind.ZONE, VanguardKind.ZONE, VanguardKind.BRAND),
    Sector.COMMUNITY: (VanguardKind.ZONE, VanguardKind.POST),
}
STEPS = ("制定实施方案，明确责任分工", "召开动员会，公开承诺", "开展集中攻坚", "走访群众征求意见",
         "整改发现的问题", "总结经验做法", "形成长效机制")
NOTES = {Measure.MONEY_SAVED: "节约资金", Measure.PROBLEMS_SOLVED: "解决群众急难愁盼问题",
         Measure.PEOPLE_SERVED: "服务群众人次", Measure.SUGGESTIONS_ADOPTED: "合理化建议被采纳",
         Measure.VOLUNTEER_HOURS: "志愿服务时长", Measure.COMPLAINTS_AVOIDED: "化解投诉"}
RANGES = {Measure.MONEY_SAVED: (2000, 200000), Measure.PROBLEMS_SOLVED: (3, 60), Measure.PEOPLE_SERVED: (50, 3000),
          Measure.SUGGESTIONS_ADOPTED: (2, 30), Measure.VOLUNTEER_HOURS: (20, 800),
          Measure.COMPLAINTS_AVOIDED: (1, 40)}


def _admin(root: Organization):
    found = RoleAssignment.objects.filter(organization__path__startswith=root.path, role=Role.COUNTY_ADMIN,
                                          user__is_active=True).select_related("user").order_by("id").first()
    if found is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return found.user


def _organisations(root: Organization, rng: random.Random) -> list[Organization]:
    """About TARGET organisations with members, taken in turn from each township."""
    by_township: dict[str, list[Organization]] = defaultdict(list)
    for org in Organization.objects.filter(path__startswith=root.path, status=OrgStatus.ACTIVE, depth__gt=1).annotate(
            n=Count("members")).filter(n__gt=0).order_by("path")[:3000]:
        by_township[org.township].append(org)
    for orgs in by_township.values():
        rng.shuffle(orgs)
    chosen: list[Organization] = []
    while len(chosen) < TARGET and any(by_township.values()):
        for township in sorted(by_township):
            if by_township[township] and len(chosen) < TARGET:
                chosen.append(by_township[township].pop())
    return chosen


def _amount(measure: str, rng: random.Random) -> Decimal:
    low, high = RANGES[measure]
    if measure == Measure.MONEY_SAVED:
        return Decimal(rng.randint(low * 100, high * 100)) / 100
    return Decimal(rng.randint(low, high))


def _run(project, *, by, rng: random.Random, today: datetime.date, until: datetime.date, final: int) -> None:
    """Progress updates from the start to `until`, rising to `final` percent, then 1–3 results."""
    days = max((until - project.starts_on).days, 1)
    count = rng.randint(2, 5)
    percent = 0
    for n in range(1, count + 1):
        day = min(project.starts_on + datetime.timedelta(days=days * n // count), today)
        percent = final if n == count else min(final, percent + rng.randint(5, 35))
        domain.log_progress(project, by=by, date=day, text=STEPS[(n - 1) % len(STEPS)], percent=percent)
    for measure in rng.sample(Measure.values, rng.randint(1, 3)):
        domain.add_result(project, by=by, measure=measure, amount=_amount(measure, rng), note=NOTES[Measure(measure)])


def _project(org: Organization, *, by, rng: random.Random, today: datetime.date) -> tuple[str, bool]:
    members = list(Member.objects.filter(organization=org).order_by("code")[:30])
    kind = rng.choice(SECTOR_KINDS.get(org.sector, tuple(VanguardKind)))
    starts_on = today - datetime.timedelta(days=rng.randint(60, 600))
    ends_on = starts_on + datetime.timedelta(days=rng.choice((180, 270, 365)))
    lead = rng.choice(members)
    others = rng.sample([m for m in members if m != lead], min(len(members) - 1, rng.randint(0, 3)))
    title = f"{PREFIX[kind]}·{rng.choice(TOPICS[kind])}"
    project = domain.create_project(org, by=by, kind=kind, title=title, lead=lead, co_owners=others,
                                    goals=f"围绕“{title.split('·')[1]}”，党员带头承诺、带头攻坚，群众满意率达到95%以上",
                                    starts_on=starts_on, ends_on=ends_on)
    if rng.random() < 0.06:
        domain.change_state(project, by=by, state=ProjectState.ABANDONED)
        return ProjectState.ABANDONED, False
    domain.change_state(project, by=by, state=ProjectState.RUNNING)
    if ends_on >= today:
        _run(project, by=by, rng=rng, today=today, until=today, final=rng.randint(20, 90))
        return ProjectState.RUNNING, False
    _run(project, by=by, rng=rng, today=today, until=ends_on, final=100)
    domain.change_state(project, by=by, state=ProjectState.COMPLETED)
    if rng.random() < 0.7:
        rating = rng.choices(Rating.values, weights=(4, 5, 2, 1))[0]
        domain.review_project(project, by=by, rating=rating, comment="目标完成，群众认可" if rating != Rating.POOR else
                              "成效不明显，需加强")
        return ProjectState.COMPLETED, True
    return ProjectState.COMPLETED, False


def seed(root: Organization, *, rng: random.Random) -> str:
    admin = _admin(root)
    today = timezone.localdate()
    orgs = _organisations(root, rng)
    states: dict[str, int] = defaultdict(int)
    reviewed = 0
    for org in orgs:
        state, was_reviewed = _project(org, by=admin, rng=rng, today=today)
        states[state] += 1
        reviewed += was_reviewed
    townships = len({org.township for org in orgs})
    return _("Vanguard projects: %(n)d in %(townships)d townships, %(running)d running, %(completed)d completed "
             "(%(reviewed)d reviewed).") % {"n": len(orgs), "townships": townships,
                                           "running": states[ProjectState.RUNNING],
                                           "completed": states[ProjectState.COMPLETED], "reviewed": reviewed}
