"""The double-lead members of the demo county: rural members of village branches spread
over the townships, each with one or two enterprises (合作社, 家庭农场…), a few helped
households, the figures of the last three years (growing, with some noise) and trainings.

Everything goes through the domain functions, so the audit log holds it too."""
from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.orgs.enums import OrgStatus, Role
from pacesetter.orgs.models import Member, Organization, RoleAssignment

from . import domain
from .enums import EnterpriseKind, HelpKind
from .models import DoubleLeadMember

TARGET = 60
#: industry → enterprise names it suits
INDUSTRIES = {
    "果蔬种植": ("果蔬专业合作社", "蔬菜种植基地", "生态果园"),
    "生猪养殖": ("生猪养殖专业合作社", "养殖场", "家庭牧场"),
    "茶叶": ("茶叶专业合作社", "茶园", "制茶厂"),
    "中药材": ("中药材种植专业合作社", "药材基地"),
    "乡村旅游": ("农家乐", "民宿", "乡村旅游专业合作社"),
    "农产品电商": ("电商服务站", "农产品网店"),
    "稻米加工": ("米业加工厂", "粮食专业合作社"),
    "食用菌": ("食用菌专业合作社", "菌菇种植基地"),
}
KIND_WEIGHTS = [(EnterpriseKind.COOPERATIVE, 5), (EnterpriseKind.FAMILY_FARM, 4), (EnterpriseKind.COMPANY, 2),
                (EnterpriseKind.INDIVIDUAL, 3), (EnterpriseKind.OTHER, 1)]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("建国", "秀英", "德明", "桂兰", "长富", "玉梅", "国强", "春花", "志刚", "金凤", "永福", "丽华")
TRAININGS = ("种植技术培训", "养殖技术培训", "电商直播带货培训", "农产品质量安全培训", "合作社经营管理培训",
             "病虫害防治现场教学", "乡村旅游服务培训")


def _admin(root: Organization):
    found = RoleAssignment.objects.filter(organization__path__startswith=root.path, role=Role.COUNTY_ADMIN,
                                          user__is_active=True).select_related("user").order_by("id").first()
    if found is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return found.user


def _rural_members(root: Organization, rng: random.Random) -> list[Member]:
    """About TARGET rural members, taken in turn from each township so every one has some."""
    by_township: dict[str, list[Member]] = defaultdict(list)
    for member in Member.objects.filter(
            is_rural=True, organization__path__startswith=root.path, organization__status=OrgStatus.ACTIVE,
            double_lead__isnull=True).select_related("organization").order_by("code")[:5000]:
        by_township[member.organization.township].append(member)
    for members in by_township.values():
        rng.shuffle(members)
    chosen: list[Member] = []
    while len(chosen) < TARGET and any(by_township.values()):
        for township in sorted(by_township):
            if by_township[township] and len(chosen) < TARGET:
                chosen.append(by_township[township].pop())
    return chosen


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _village(member: Member) -> str:
    return member.organization.name.removesuffix("党支部").removesuffix("党总支") or member.organization.name


def _fill(holder: DoubleLeadMember, *, by, rng: random.Random, today: datetime.date) -> int:
    """Enterprises, households, three years of figures and trainings; returns the households added."""
    member = holder.member
    for _i in range(rng.choice((1, 1, 1, 2))):
        industry = rng.choice(list(INDUSTRIES))
        kind = rng.choices([k for k, _w in KIND_WEIGHTS], weights=[w for _k, w in KIND_WEIGHTS])[0]
        domain.add_enterprise(holder, by=by, name=f"{_village(member)}{rng.choice(INDUSTRIES[industry])}", kind=kind,
                              industry=industry, founded_year=rng.randint(today.year - 12, today.year - 2),
                              employees=rng.randint(2, 40))
    households = rng.randint(2, 8)
    for _i in range(households):
        domain.add_household(holder, by=by, head_name=_person(rng), village=_village(member),
                             since_year=rng.randint(today.year - 4, today.year - 1), help_kind=rng.choice(HelpKind.values))
    income = Decimal(rng.randint(60, 400)) / 10
    for year in range(today.year - 3, today.year):
        income = (income * Decimal(str(rng.uniform(1.02, 1.25)))).quantize(Decimal("0.01"))
        domain.record_figures(holder, by=by, year=year, own_income=income,
                              helped_income_increase=(income * Decimal(str(rng.uniform(0.15, 0.5)))).quantize(
                                  Decimal("0.01")), jobs_created=rng.randint(1, 15))
    for _i in range(rng.randint(1, 3)):
        domain.add_training(holder, by=by, held_on=today - datetime.timedelta(days=rng.randint(20, 1000)),
                            title=rng.choice(TRAININGS), attendees=rng.randint(10, 80),
                            hours=Decimal(rng.choice((2, 3, 4, 6, 8))))
    return households


def seed(root: Organization, *, rng: random.Random) -> str:
    admin = _admin(root)
    today = timezone.localdate()
    members = _rural_members(root, rng)
    households = 0
    for member in members:
        holder = domain.register_double_lead(
            member, by=admin, registered_on=today - datetime.timedelta(days=rng.randint(400, 1500)))
        households += _fill(holder, by=admin, rng=rng, today=today)
        if rng.random() < 0.08:
            domain.update_double_lead(holder, by=admin, active=False, note="外出务工，暂停双带工作")
    townships = len({m.organization.township for m in members})
    return _("Double-lead members: %(n)d in %(townships)d townships, helping %(households)d households.") % {
        "n": len(members), "townships": townships, "households": households}
