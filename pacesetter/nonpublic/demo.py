"""The non-public registry of the demo county: ~150 enterprises and social organisations over
the townships, with credit codes whose check characters are right, coverage that grows
month by month over the last year (status changes dated in the past), establishing plans
for the uncovered (some done, some overdue) and the checklists of the covering
organisations.

Everything goes through the domain functions, so the audit log holds it too."""
from __future__ import annotations

import datetime
import random

from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.orgs.demo.names import FIRM_WORDS, firm_name
from pacesetter.orgs.enums import OrgLevel, OrgStatus, Role, Sector
from pacesetter.orgs.models import Member, Organization, RoleAssignment
from pacesetter.orgs.queries import subtree_q

from . import domain, queries
from .enums import EntityKind, PartyStatus
from .models import ChecklistItem, EstablishPlan, NonpublicEntity
from .validators import CHARSET, check_character

TARGET = 150
REGION = "341122"
ENTERPRISE_INDUSTRIES = [("C", 9), ("F", 5), ("A", 3), ("E", 3), ("H", 3), ("G", 2), ("I", 1), ("K", 1), ("L", 1)]
SOCIAL_INDUSTRIES = [("S", 5), ("Q", 2), ("P", 2), ("O", 1), ("R", 1)]
SOCIAL_NAMES = ("商会", "个体劳动者协会", "养老服务中心", "志愿者协会", "社会工作服务中心", "职业培训学校", "餐饮行业协会",
                "物流协会", "电子商务协会", "茶叶协会")
STEPS = ("摸排企业党员，动员组织关系转入", "选派党建指导员驻企指导", "与企业主座谈，宣讲建立党组织的意义",
         "确定党支部书记人选，报乡镇党委审批", "召开党员大会，选举支部委员会")


def _admin(root: Organization):
    found = RoleAssignment.objects.filter(subtree_q(root.path, "organization__path"), role=Role.COUNTY_ADMIN,
                                          user__is_active=True).select_related("user").order_by("id").first()
    if found is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return found.user


def _weighted(rng: random.Random, pairs):
    return rng.choices([v for v, _w in pairs], weights=[w for _v, w in pairs])[0]


def _credit_code(rng: random.Random, kind: str, used: set[str]) -> str:
    authority = "91" if kind == EntityKind.ENTERPRISE else rng.choice(("51", "52"))
    while True:
        body = authority + REGION + "".join(rng.choice(CHARSET) for _ in range(9))
        code = body + check_character(body)
        if code not in used:
            used.add(code)
            return code


def _name(rng: random.Random, kind: str, township: Organization, used: set[str]) -> str:
    place = township.township.removesuffix("镇").removesuffix("乡")
    for _attempt in range(50):
        if kind == EntityKind.ENTERPRISE:
            name = firm_name(rng, place)
        else:
            name = f"{township.township}{rng.choice(FIRM_WORDS)}{rng.choice(SOCIAL_NAMES)}"
        if name not in used:
            used.add(name)
            return name
    raise DomainError("no unused name")


def _employees(rng: random.Random, kind: str) -> int:
    if kind == EntityKind.SOCIAL:
        return rng.randint(3, 40)
    return min(1200, int(6 * rng.paretovariate(1.1)))


def _covering(root: Organization) -> dict[str, list[Organization]]:
    """Branches of the non-public and social sectors, by township ("" for county-wide ones)."""
    pool: dict[str, list[Organization]] = {}
    for org in Organization.objects.filter(subtree_q(root.path), sector__in=[Sector.ENTERPRISE, Sector.SOCIAL],
                                           level=OrgLevel.BRANCH, status=OrgStatus.ACTIVE).order_by("path"):
        pool.setdefault(org.township, []).append(org)
    return pool


def _instructors(township: Organization) -> list[Member]:
    return list(Member.objects.filter(subtree_q(township.path, "organization__path")).order_by("code")[:8])


def seed(root: Organization, *, rng: random.Random) -> str:
    by = _admin(root)
    today = timezone.localdate()
    towns = list(queries.townships().filter(subtree_q(root.path)))
    pool = _covering(root)
    fallback = [org for orgs in pool.values() for org in orgs] or list(
        Organization.objects.filter(subtree_q(root.path), level=OrgLevel.BRANCH)[:20])
    instructors = {town.pk: _instructors(town) for town in towns}
    codes: set[str] = set(NonpublicEntity.objects.values_list("credit_code", flat=True))
    names: set[str] = set(NonpublicEntity.objects.values_list("name", flat=True))
    weights = [4 if i == 0 else 1 for i in range(len(towns))]
    made = later = plans = 0
    for _n in range(TARGET if len(towns) > 2 else 6 * len(towns)):
        town = rng.choices(towns, weights=weights)[0]
        kind = EntityKind.SOCIAL if rng.random() < 0.2 else EntityKind.ENTERPRISE
        employees = _employees(rng, kind)
        party_members = min(employees, rng.randint(0, max(1, employees // 12)))
        covering = rng.choice(pool.get(town.township) or fallback)
        status = PartyStatus.OWN if employees >= 50 and party_members >= 3 else PartyStatus.JOINT
        covered_from_start = rng.random() < 0.45
        people = instructors[town.pk]
        entity = domain.register_entity(
            by=by, kind=kind, name=_name(rng, kind, town, names), credit_code=_credit_code(rng, kind, codes),
            industry=_weighted(rng, ENTERPRISE_INDUSTRIES if kind == EntityKind.ENTERPRISE else SOCIAL_INDUSTRIES),
            township=town, employees=employees, party_members=party_members,
            status=status if covered_from_start else PartyStatus.NONE,
            covering=covering if covered_from_start else None,
            instructor=None if covered_from_start or not people else rng.choice(people),
            registered_on=today - datetime.timedelta(days=rng.randint(380, 1100)))
        made += 1
        if covered_from_start or not people:
            continue
        if rng.random() < 0.6:
            domain.create_plan(entity, by=by, target_date=today + datetime.timedelta(days=rng.randint(20, 200)),
                               instructor=rng.choice(people), steps="\n".join(rng.sample(STEPS, 3)))
            plans += 1
        if rng.random() < 0.5:
            domain.change_status(entity, by=by, status=status, covering=covering,
                                 on=today - datetime.timedelta(days=rng.randint(3, 350)), note=_("party branch set up"))
            later += 1
    _overdue(rng, today)
    checked = _checklists(root, rng, by)
    return _("Non-public entities: %(n)d over %(towns)d townships, %(later)d covered during the last year, "
             "%(plans)d establishing plans, %(checks)d checklist checks.") % {
        "n": made, "towns": len(towns), "later": later, "plans": plans, "checks": checked}


def _overdue(rng: random.Random, today: datetime.date) -> None:
    """A few open plans made months ago whose target date has passed, as a county has them."""
    open_plans = list(EstablishPlan.objects.filter(done_on__isnull=True).order_by("id").values_list("pk", flat=True))
    for pk in rng.sample(open_plans, len(open_plans) // 4):
        EstablishPlan.objects.filter(pk=pk).update(target_date=today - datetime.timedelta(days=rng.randint(5, 60)))


def _checklists(root: Organization, rng: random.Random, by) -> int:
    items = list(ChecklistItem.objects.filter(active=True))
    organizations = Organization.objects.filter(subtree_q(root.path), covered_entities__isnull=False).distinct()
    count = 0
    for org in organizations.order_by("path"):
        for item in items:
            if rng.random() < 0.85:
                domain.record_check(org, item, by=by, met=rng.random() < 0.75,
                                    note=rng.choice(("", "", "已整改", "待完善")))
                count += 1
    return count
