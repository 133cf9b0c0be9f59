"""The linkage of the demo county: affiliate units for a realistic share of the party
organisations (schools, hospitals and agencies have trade unions, villages and communities
a Youth League branch and a women's federation, enterprises a union more often than not),
their honours over the last three years, and joint activities with a few photos.

Units and honours are bulk-inserted (thousands of rows); activities, which carry photos,
go through the domain function."""
from __future__ import annotations

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.commitments.demo.photos import photo
from pacesetter.core.errors import DomainError
from pacesetter.orgs.enums import OrgStatus, Role, Sector
from pacesetter.orgs.models import Organization, RoleAssignment

from . import domain
from .enums import AffiliateKind, HonourRecipient
from .models import AffiliateHonour, AffiliateUnit

YL, TU, WF = AffiliateKind.YOUTH_LEAGUE, AffiliateKind.TRADE_UNION, AffiliateKind.WOMENS_FEDERATION
#: Chance that a party organisation of a sector has each kind of affiliate.
SHARES = {
    Sector.SCHOOL: {YL: 0.8, TU: 0.9, WF: 0.3},
    Sector.HEALTH: {YL: 0.6, TU: 0.85, WF: 0.5},
    Sector.AGENCY: {YL: 0.5, TU: 0.85, WF: 0.4},
    Sector.ENTERPRISE: {YL: 0.35, TU: 0.7, WF: 0.3},
    Sector.SOCIAL: {YL: 0.3, TU: 0.3, WF: 0.3},
    Sector.VILLAGE: {YL: 0.7, TU: 0.05, WF: 0.85},
    Sector.COMMUNITY: {YL: 0.6, TU: 0.2, WF: 0.8},
}
SUFFIX = {YL: "团支部", TU: "工会", WF: "妇联"}
PREFIX = {YL: "TY", TU: "GH", WF: "FL"}
COLLECTIVE = {YL: ("五四红旗团支部", "青年文明号", "优秀团支部"), TU: ("模范职工之家", "工人先锋号", "先进职工小家"),
              WF: ("三八红旗集体", "巾帼文明岗", "最美家庭示范点")}
INDIVIDUAL = {YL: ("优秀共青团员", "优秀团干部", "青年岗位能手"), TU: ("优秀工会积极分子", "五一劳动奖章", "优秀工会干部"),
              WF: ("三八红旗手", "巾帼建功标兵", "最美家庭")}
AWARDED_BY = {YL: ("共青团县委", "共青团市委"), TU: ("县总工会", "市总工会"), WF: ("县妇联", "市妇联")}
ACTIVITIES = {YL: ("青春志愿行·环境整治", "“学党史、跟党走”主题团日", "青年突击队助农抢收"),
              TU: ("职工技能比武", "“工会送温暖”走访慰问", "职工趣味运动会"),
              WF: ("“巾帼心向党”宣讲", "最美家庭评选", "留守儿童关爱行动")}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("晓燕", "建华", "丽娟", "志强", "海燕", "文静", "春梅", "国庆", "秀英", "小龙", "佳怡", "明轩")
ACTIVITY_COUNT = 40


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _short(org: Organization) -> str:
    """The organisation's name without its party suffix: 城关镇一村党支部 → 城关镇一村."""
    for suffix in ("党总支部", "党总支", "党支部", "党委"):
        if org.name.endswith(suffix):
            return org.name[: -len(suffix)]
    return org.name


def _admin(root: Organization):
    row = RoleAssignment.objects.filter(organization__path__startswith=root.path, role=Role.COUNTY_ADMIN,
                                        user__is_active=True).select_related("user").order_by("user__username").first()
    if row is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return row.user


def _units(orgs, rng: random.Random, today: datetime.date) -> list[AffiliateUnit]:
    units = []
    for org in orgs:
        for kind, share in SHARES.get(org.sector, SHARES[Sector.SOCIAL]).items():
            if rng.random() >= share:
                continue
            units.append(AffiliateUnit(
                kind=kind, code=f"{PREFIX[kind]}-{org.code}"[:32], name=_short(org) + SUFFIX[kind], organization=org,
                members_count=rng.randint(5, 80), head_name=_name(rng), active=rng.random() > 0.03,
                established=today - datetime.timedelta(days=rng.randint(365, 365 * 30))))
    return AffiliateUnit.objects.bulk_create(units, batch_size=1000)


def _honours(units, rng: random.Random, year: int) -> list[AffiliateHonour]:
    honours = []
    for unit in units:
        if rng.random() >= 0.25:
            continue
        for _n in range(rng.randint(1, 2)):
            kind = unit.kind
            if rng.random() < 0.6:
                honours.append(AffiliateHonour(unit=unit, year=year - rng.randint(0, 2),
                                               title=rng.choice(COLLECTIVE[kind]), awarded_by=rng.choice(AWARDED_BY[kind])))
            else:
                honours.append(AffiliateHonour(unit=unit, year=year - rng.randint(0, 2), title=rng.choice(INDIVIDUAL[kind]),
                                               recipient=HonourRecipient.INDIVIDUAL, person_name=_name(rng),
                                               awarded_by=rng.choice(AWARDED_BY[kind])))
    return AffiliateHonour.objects.bulk_create(honours, batch_size=1000)


def _activities(units, admin, rng: random.Random, today: datetime.date) -> int:
    by_org: dict[int, list[AffiliateUnit]] = {}
    for unit in units:
        if unit.active:
            by_org.setdefault(unit.organization_id, []).append(unit)
    chosen = rng.sample(sorted(by_org), min(ACTIVITY_COUNT, len(by_org)))
    for org_id in chosen:
        linked = by_org[org_id]
        together = rng.sample(linked, rng.randint(1, len(linked)))
        lead = together[0]
        day = today - datetime.timedelta(days=rng.randint(3, 700))
        title = rng.choice(ACTIVITIES[lead.kind])
        photos = [SimpleUploadedFile(f"activity-{n + 1}.jpg", photo(rng, label=title, day=day), content_type="image/jpeg")
                  for n in range(rng.choice((0, 1, 1, 2)))]
        domain.record_activity(lead.organization, by=admin, units=together, held_on=day, title=title,
                               description=_short(lead.organization) + "党组织与" + "、".join(
                                   SUFFIX[u.kind] for u in together) + "联合开展。",
                               participants=rng.randint(10, 120), photos=photos)
    return len(chosen)


def seed(root: Organization, *, rng: random.Random) -> str:
    """Affiliates, honours and joint activities under `root`; a one-line summary."""
    today = timezone.localdate()
    admin = _admin(root)
    orgs = list(Organization.objects.filter(path__startswith=root.path, status=OrgStatus.ACTIVE)
                .exclude(pk=root.pk).order_by("path"))
    units = _units(orgs, rng, today)
    honours = _honours(units, rng, today.year)
    activities = _activities(units, admin, rng, today)
    return _("%(units)d affiliate units at %(orgs)d party organisations, %(honours)d honours, "
             "%(activities)d joint activities") % {"units": len(units), "orgs": len(orgs),
                                                    "honours": len(honours), "activities": activities}
