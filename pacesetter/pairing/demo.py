"""The pairing part of the demo county: pairings of every kind, a year of help logs, and a
recommendation run from the latest released round awaiting review.

Pairings go through the domain functions; help logs are written in bulk (a year of visits
one by one through `log_help` would only repeat the same checks). The effect page compares
two released rounds of one kind: with the demo's single released round it says that a
second round is needed.
"""
from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.evaluation.enums import RoundState
from pacesetter.evaluation.models import Round
from pacesetter.orgs.enums import OrgStatus, Role, Sector
from pacesetter.orgs.models import Leader, Member, Organization, RoleAssignment

from .domain import create_pairing, end_pairing, replace_pairing, run_recommendations
from .enums import RURAL_SECTORS, URBAN_SECTORS, PairingKind
from .models import HelpLog

ACTIVITIES = [
    "走访慰问困难党员和群众", "帮助村级组织规范“三会一课”", "联合开展主题党日活动", "捐赠图书和办公用品",
    "协调产业项目资金", "开展义诊和健康讲座", "指导村集体经济发展规划", "组织党员志愿服务",
]
GOODS = ["", "", "米面油20份", "图书300册", "办公电脑2台", "春联和慰问品"]
GOALS = {
    PairingKind.URBAN_RURAL: "帮助村（社区）党组织晋位升级，壮大村集体经济",
    PairingKind.ONE_HELPS_ONE: "结对帮扶，提升组织生活质量",
    PairingKind.HAND_IN_HAND: "手拉手共建，资源共享、优势互补",
    PairingKind.FIXED_POINT_LIAISON: "县级领导定点联系，督促整改软弱涣散问题",
    PairingKind.FIXED_POINT_MENTORING: "定点帮带，传授经验、带出骨干",
}


def _admin(root: Organization):
    row = RoleAssignment.objects.filter(organization__path__startswith=root.path, role=Role.COUNTY_ADMIN,
                                        user__is_active=True).select_related("user").order_by("user__username").first()
    if row is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return row.user


def _orgs(root: Organization, sectors) -> list[Organization]:
    return list(Organization.objects.filter(path__startswith=root.path, sector__in=sectors, status=OrgStatus.ACTIVE,
                                            depth__gt=root.depth).order_by("path"))


def _logs(pairing, rng: random.Random, today: datetime.date, by) -> list[HelpLog]:
    start = max(pairing.starts_on, today - datetime.timedelta(days=365))
    end = pairing.ends_on or today
    span = (end - start).days
    logs = []
    for _n in range(rng.randint(2, 6) if span > 0 else 0):
        logs.append(HelpLog(pairing=pairing, date=start + datetime.timedelta(days=rng.randint(0, span)),
                            activity=rng.choice(ACTIVITIES), people=rng.randint(2, 30),
                            money=Decimal(rng.choice([0, 0, 500, 2000, 5000, 12000])), goods=rng.choice(GOODS),
                            logged_by=by))
    return logs


def seed(root: Organization, *, rng: random.Random) -> str:
    admin = _admin(root)
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=330)
    urban, rural = _orgs(root, URBAN_SECTORS), _orgs(root, RURAL_SECTORS)
    agencies = [o for o in urban if o.sector == Sector.AGENCY] or urban
    made = []
    if urban and rural:
        for helper, helped in zip(rng.sample(urban, min(6, len(urban))), rng.sample(rural, min(6, len(rural)))):
            made.append(create_pairing(kind=PairingKind.URBAN_RURAL, goals=GOALS[PairingKind.URBAN_RURAL],
                                       starts_on=year_ago, helpers=[helper], helped=[helped], by=admin))
        if len(rural) >= 4 and len(urban) >= 2:
            made.append(create_pairing(kind=PairingKind.HAND_IN_HAND, goals=GOALS[PairingKind.HAND_IN_HAND],
                                       starts_on=year_ago, helpers=urban[:2], helped=rural[-3:], by=admin))
    leader = Leader.objects.filter(organization__path__startswith=root.path).order_by("code").first()
    if leader and rural:
        made.append(create_pairing(kind=PairingKind.FIXED_POINT_LIAISON, goals=GOALS[PairingKind.FIXED_POINT_LIAISON],
                                   starts_on=year_ago, helpers=[leader], helped=rural[:2], by=admin))
    if agencies and rural:
        made.append(create_pairing(kind=PairingKind.FIXED_POINT_MENTORING,
                                   goals=GOALS[PairingKind.FIXED_POINT_MENTORING], starts_on=year_ago,
                                   helpers=[agencies[0]], helped=[rural[len(rural) // 2]], by=admin))
    members = list(Member.objects.filter(organization__path__startswith=root.path).order_by("code")[:2])
    if len(members) == 2:
        made.append(create_pairing(kind=PairingKind.ONE_HELPS_ONE, goals=GOALS[PairingKind.ONE_HELPS_ONE],
                                   starts_on=year_ago, helpers=[members[0]], helped=[members[1]], by=admin))
    if len(made) >= 2 and len(urban) >= 8:
        first = made[0]
        helped = [p.organization for p in first.parties.all() if p.side == "helped"]
        made.append(replace_pairing(first, on=today - datetime.timedelta(days=90), reason="原帮扶单位调整",
                                    goals=first.goals, helpers=[urban[-1]], helped=helped, by=admin))
        end_pairing(made[1], on=today - datetime.timedelta(days=30), reason="帮扶期满，已晋位升级", by=admin)
    for pairing in made:
        pairing.refresh_from_db()
    logs = HelpLog.objects.bulk_create([log for p in made for log in _logs(p, rng, today, admin)])
    released = (Round.objects.filter(state=RoundState.RELEASED, tally__isnull=False,
                                     subjects__organization__path__startswith=root.path)
                .distinct().order_by("-opens_at", "-id").first())
    rows = 0
    if released is not None:
        rows = run_recommendations(released, k=2, by=admin).rows.count()
    return _("Pairings: %(pairings)d of every kind with %(logs)d help logs; a recommendation run with %(rows)d "
             "recommended pairs awaiting review.") % {"pairings": len(made), "logs": len(logs), "rows": rows}
