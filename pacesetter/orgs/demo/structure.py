"""The shape of a demo county: which organisations exist, under whom, with how many members.

Plain Python, no database: the plan is computed first (treebeard paths included), then
written in bulk. A county is its committee, the townships (乡镇党委) with their villages,
communities, enterprises and associations, and five county-level system committees
(agencies, schools, health, non-public enterprises, social organisations).

Codes are hierarchical and stable: county "LJ", townships "LJ01".."LJ20", the system
committees "LJ91".."LJ95", everything under one of those "LJ01-001", "LJ01-002", … in
tree order; members add "-0001". In a province every county's code is its initials and
its number ("LJ01"), so codes stay unique and keep their shape.
"""
from __future__ import annotations

import dataclasses
import datetime
import itertools
import random
from dataclasses import dataclass, field

from ..enums import OrgLevel, Sector
from . import names, people

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

COMMITTEE, GENERAL_BRANCH, BRANCH = OrgLevel.COMMITTEE.value, OrgLevel.GENERAL_BRANCH.value, OrgLevel.BRANCH.value


def path_step(n: int) -> str:
    """treebeard's path segment for the n-th child (1-based), base 36, zero-padded."""
    digits = ""
    while n:
        n, r = divmod(n, len(ALPHABET))
        digits = ALPHABET[r] + digits
    if len(digits) > STEPLEN:
        raise ValueError("too many children for the path step")
    return digits.rjust(STEPLEN, "0")


@dataclass(slots=True)
class OrgSpec:
    code: str
    name: str
    level: str
    sector: str
    township: str
    established: datetime.date
    path: str
    depth: int
    secretary: str
    secretary_gender: str
    secretary_born: int
    numchild: int = 0
    members: int = 0
    retirees: bool = False
    clan: str | None = None


@dataclass(slots=True)
class LeaderSpec:
    code: str
    name: str
    title: str
    phone: str
    organization: OrgSpec


@dataclass(frozen=True)
class Shape:
    """How big a county is. Ranges are (low, high) per township."""

    townships: int
    seat_villages: tuple[int, int]
    seat_communities: tuple[int, int]
    villages: tuple[int, int]
    town_communities: tuple[int, int]
    township_firms: tuple[int, int]
    township_social: tuple[int, int]
    agencies: int
    police: bool
    county_schools: int
    hospital_departments: int
    hospitals: int
    groups: int
    county_firms: int
    park_joint: int
    associations: int
    social_units: int
    member_factor: float = 1.0


SMALL = Shape(
    townships=1, seat_villages=(10, 10), seat_communities=(2, 2), villages=(0, 0), town_communities=(0, 0),
    township_firms=(3, 3), township_social=(1, 1), agencies=3, police=False, county_schools=1,
    hospital_departments=2, hospitals=1, groups=0, county_firms=2, park_joint=0, associations=1, social_units=1,
    member_factor=0.55,
)
COUNTY = Shape(
    townships=20, seat_villages=(10, 14), seat_communities=(8, 12), villages=(18, 28), town_communities=(1, 4),
    township_firms=(4, 9), township_social=(0, 2), agencies=len(names.AGENCIES), police=True, county_schools=7,
    hospital_departments=len(names.HOSPITAL_DEPARTMENTS), hospitals=4, groups=3, county_firms=45, park_joint=4,
    associations=len(names.ASSOCIATIONS), social_units=8, member_factor=1.15,
)


@dataclass(frozen=True)
class County:
    name: str  # 临江县
    short: str  # 临江
    code: str  # LJ


DEMO_COUNTY = County("临江县", "临江", "LJ")


@dataclass
class Plan:
    """Everything to insert, in tree order (parents before children)."""

    orgs: list[OrgSpec] = field(default_factory=list)
    leaders: list[LeaderSpec] = field(default_factory=list)
    county_roots: list[OrgSpec] = field(default_factory=list)
    first_township: OrgSpec | None = None
    member_seed: int = 0
    _roots: int = 0

    @property
    def root(self) -> OrgSpec:
        return self.orgs[0]

    @property
    def member_count(self) -> int:
        return sum(o.members for o in self.orgs)

    def add(self, parent: OrgSpec | None, rng: random.Random, *, code, name, level, sector, township="",
            established, members=0, retirees=False, clan=None, secretary=None) -> OrgSpec:
        if parent is None:
            self._roots += 1
            path, depth = path_step(self._roots), 1
        else:
            parent.numchild += 1
            path, depth = parent.path + path_step(parent.numchild), parent.depth + 1
        sec_name, sec_gender, sec_born = secretary or people.leading_person(rng, sector)
        org = OrgSpec(
            code=code, name=name, level=level, sector=sector, township=township, established=established,
            path=path, depth=depth, secretary=sec_name, secretary_gender=sec_gender, secretary_born=sec_born,
            members=members, retirees=retirees, clan=clan,
        )
        self.orgs.append(org)
        return org


def _date(rng: random.Random, first_year: int, last_year: int, not_before: datetime.date | None = None
          ) -> datetime.date:
    """A day in the years given, before AS_OF, and a month or more after `not_before` (the parent's)."""
    last = people.AS_OF.toordinal()
    start = datetime.date(first_year, 1, 1).toordinal()
    end = min(datetime.date(last_year, 12, 31).toordinal(), last)
    if not_before is not None:
        start = min(max(start, not_before.toordinal() + 30), last)
        end = max(end, start)
    return datetime.date.fromordinal(rng.randint(start, end))


class _Unit:
    """Numbers the organisations under a township or system committee: LJ01-001, LJ01-002, …"""

    def __init__(self, plan: Plan, rng: random.Random, shape: Shape, head: OrgSpec):
        self.plan, self.rng, self.shape, self.head = plan, rng, shape, head
        self._seq = itertools.count(1)

    def add(self, parent: OrgSpec | None, name: str, level: str, *, sector=None, township=None, years=(1950, 2020),
            size=(0, 0), retirees=False, clan=None) -> OrgSpec:
        parent = parent or self.head
        n = next(self._seq)
        if n > 999:
            raise ValueError(f"more than 999 organisations under {self.head.code}")
        members = round(self.rng.randint(*size) * self.shape.member_factor) if size[1] else 0
        if level == BRANCH:
            members = max(members, 3)
        not_before = parent.established if parent is not self.head else None
        return self.plan.add(
            parent, self.rng, code=f"{self.head.code}-{n:03d}", name=name, level=level,
            sector=sector or parent.sector, township=parent.township if township is None else township,
            established=_date(self.rng, *years, not_before=not_before), members=members, retirees=retirees,
            clan=clan,
        )

    def sub_branches(self, parent: OrgSpec, labels, size, years=(1995, 2024)) -> None:
        for label in labels:
            retirees = label.startswith("离退休") or label.startswith("退休")
            self.add(parent, f"{parent.name.removesuffix('党总支').removesuffix('党委')}{label}党支部", BRANCH,
                     size=(8, 20) if retirees else size, years=years, retirees=retirees)


def _numbered(k: int) -> list[str]:
    return [f"第{names.NUMERALS[i]}" for i in range(k)]


def _clan(name: str) -> str | None:
    return name[0] if len(name) > 2 and name[1] == "家" and name[0] in names.SURNAMES else None


def _township(plan: Plan, rng: random.Random, shape: Shape, county: County, root: OrgSpec, number: int, tname: str,
              used: set[str]) -> OrgSpec:
    seat = number == 1
    town = tname.endswith("镇")
    head = plan.add(
        root, rng, code=f"{county.code}{number:02d}", name=f"{tname}党委", level=COMMITTEE,
        sector=Sector.COMMUNITY.value if seat else Sector.VILLAGE.value, township=tname,
        established=_date(rng, 1950, 1986),
    )
    unit = _Unit(plan, rng, shape, head)
    unit.add(None, f"{tname}机关党支部", BRANCH, sector=Sector.AGENCY.value, size=(20, 40), years=(1950, 1990))

    for _ in range(rng.randint(*(shape.seat_villages if seat else shape.villages))):
        village = names.unique(rng, used, lambda r: names.place_name(r) + "村")
        clan = _clan(village)
        if rng.random() < 0.35:
            gb = unit.add(None, f"{village}党总支", GENERAL_BRANCH, sector=Sector.VILLAGE.value, size=(3, 5),
                          years=(1955, 2005), clan=clan)
            for label in _numbered(rng.randint(2, 4)):
                unit.add(gb, f"{village}{label}党支部", BRANCH, size=(12, 30), years=(1990, 2022), clan=clan)
        else:
            unit.add(None, f"{village}党支部", BRANCH, sector=Sector.VILLAGE.value, size=(18, 45),
                     years=(1950, 1995), clan=clan)

    communities = rng.randint(*shape.seat_communities) if seat else (
        rng.randint(*shape.town_communities) if town else rng.randint(0, 1))
    for _ in range(communities):
        if seat:
            community = names.unique(rng, used, lambda r: r.choice(names.COMMUNITIES) + "社区")
        else:
            place = tname.removesuffix("镇").removesuffix("乡")
            community = names.unique(rng, used, lambda r: place + r.choice(names.TOWN_COMMUNITIES) + "社区")
        if seat and rng.random() < 0.7:
            committee = unit.add(None, f"{community}党委", COMMITTEE, sector=Sector.COMMUNITY.value, years=(2001, 2018))
            for label in _numbered(rng.randint(3, 6)):
                unit.add(committee, f"{community}{label}网格党支部", BRANCH, size=(10, 25), years=(2015, 2024))
        else:
            unit.add(None, f"{community}党支部", BRANCH, sector=Sector.COMMUNITY.value, size=(15, 35),
                     years=(1985, 2020))

    for _ in range(rng.randint(*shape.township_firms)):
        firm = names.unique(rng, used, lambda r: names.firm_name(r, tname.removesuffix("镇").removesuffix("乡")))
        unit.add(None, f"{firm}党支部", BRANCH, sector=Sector.ENTERPRISE.value, size=(3, 15), years=(2003, 2025))
    if rng.random() < 0.6:
        unit.add(None, f"{tname}非公企业联合党支部", BRANCH, sector=Sector.ENTERPRISE.value, size=(5, 15),
                 years=(2008, 2023))
    for _ in range(rng.randint(*shape.township_social)):
        assoc = names.unique(rng, used, lambda r: tname + r.choice(names.ASSOCIATIONS))
        unit.add(None, f"{assoc}党支部", BRANCH, sector=Sector.SOCIAL.value, size=(3, 10), years=(2010, 2025))
    return head


def _agencies(plan, rng, shape, county, root, number) -> None:
    head = plan.add(root, rng, code=f"{county.code}{number}", name=f"{county.name}直机关工委", level=COMMITTEE,
                    sector=Sector.AGENCY.value, established=_date(rng, 1952, 1960))
    unit = _Unit(plan, rng, shape, head)

    def unit_name(agency: str) -> str:
        if agency == "团县委":
            return f"共青团{county.name}委员会"
        return county.name + agency.removeprefix("县")

    for agency in names.AGENCIES[: shape.agencies]:
        name = unit_name(agency)
        if agency in names.BIG_AGENCIES:
            gb = unit.add(None, f"{name}机关党总支", GENERAL_BRANCH, size=(3, 5), years=(1955, 2000))
            unit.sub_branches(gb, ["第一", "第二", "离退休干部"], size=(10, 25))
        else:
            unit.add(None, f"{name}党支部", BRANCH, size=(6, 25), years=(1952, 2018))
    if shape.police:
        police = unit.add(None, f"{county.name}公安局党委", COMMITTEE, years=(1950, 1985))
        unit.sub_branches(police, names.POLICE_UNITS, size=(10, 30), years=(1990, 2020))


def _schools(plan, rng, shape, county, root, number, townships: list[str]) -> None:
    head = plan.add(root, rng, code=f"{county.code}{number}", name=f"{county.name}教育系统党委", level=COMMITTEE,
                    sector=Sector.SCHOOL.value, established=_date(rng, 1984, 2005))
    unit = _Unit(plan, rng, shape, head)
    seat = townships[0]
    first = unit.add(None, f"{county.name}第一中学党总支", GENERAL_BRANCH, township=seat, size=(3, 5),
                     years=(1952, 1980))
    unit.sub_branches(first, ["高一年级", "高二年级", "高三年级", "行政后勤", "退休教师"], size=(12, 30))
    county_schools = ("第二中学", "职业中学", "实验小学", "城关第一小学", "实验幼儿园", "特殊教育学校", "城关中学",
                      "第三中学", "城关第二小学")
    for school in county_schools[: shape.county_schools]:
        unit.add(None, f"{county.name}{school}党支部", BRANCH, township=seat, size=(10, 35), years=(1955, 2015))
    for tname in townships:
        unit.add(None, f"{tname}中学党支部", BRANCH, township=tname, size=(8, 25), years=(1958, 2005))
        unit.add(None, f"{tname}中心小学党支部", BRANCH, township=tname, size=(6, 20), years=(1960, 2008))
        if rng.random() < 0.3:
            unit.add(None, f"{tname}第二小学党支部", BRANCH, township=tname, size=(4, 12), years=(1985, 2015))


def _health(plan, rng, shape, county, root, number, townships: list[str]) -> None:
    head = plan.add(root, rng, code=f"{county.code}{number}", name=f"{county.name}卫生健康系统党委", level=COMMITTEE,
                    sector=Sector.HEALTH.value, established=_date(rng, 1990, 2010))
    unit = _Unit(plan, rng, shape, head)
    seat = townships[0]
    hospital = unit.add(None, f"{county.name}人民医院党委", COMMITTEE, township=seat, years=(1950, 1980))
    unit.sub_branches(hospital, names.HOSPITAL_DEPARTMENTS[: shape.hospital_departments], size=(15, 35))
    others = ("中医院", "妇幼保健院", "疾病预防控制中心", "第二人民医院", "精神卫生中心")[: shape.hospitals]
    for i, other in enumerate(others):
        if i == 0 and shape.hospitals > 1:
            gb = unit.add(None, f"{county.name}{other}党总支", GENERAL_BRANCH, township=seat, size=(3, 5),
                          years=(1958, 1990))
            unit.sub_branches(gb, _numbered(3), size=(10, 25))
        else:
            unit.add(None, f"{county.name}{other}党支部", BRANCH, township=seat, size=(8, 25), years=(1960, 2010))
    for tname in townships:
        unit.add(None, f"{tname}卫生院党支部", BRANCH, township=tname, size=(5, 15), years=(1965, 2010))


def _enterprises(plan, rng, shape, county, root, number, townships: list[str], used: set[str]) -> None:
    head = plan.add(root, rng, code=f"{county.code}{number}", name=f"{county.name}非公有制经济组织党委",
                    level=COMMITTEE, sector=Sector.ENTERPRISE.value, established=_date(rng, 2005, 2012))
    unit = _Unit(plan, rng, shape, head)
    for _ in range(shape.groups):
        group = names.unique(rng, used, lambda r: county.short + r.choice(names.FIRM_WORDS) + "集团有限公司")
        committee = unit.add(None, f"{group}党委", COMMITTEE, township=townships[0], years=(2000, 2015))
        unit.sub_branches(committee, ["机关", "生产第一", "生产第二", "营销"], size=(10, 30), years=(2005, 2022))
    for _ in range(shape.county_firms):
        firm = names.unique(rng, used, lambda r: names.firm_name(r, county.short))
        where = townships[0] if rng.random() < 0.5 else rng.choice(townships)
        unit.add(None, f"{firm}党支部", BRANCH, township=where, size=(3, 20), years=(2003, 2025))
    for label in _numbered(shape.park_joint):
        unit.add(None, f"{county.name}工业园区{label}联合党支部", BRANCH, township=townships[0], size=(6, 18),
                 years=(2010, 2024))


def _social(plan, rng, shape, county, root, number, townships: list[str], used: set[str]) -> None:
    head = plan.add(root, rng, code=f"{county.code}{number}", name=f"{county.name}社会组织党委", level=COMMITTEE,
                    sector=Sector.SOCIAL.value, established=_date(rng, 2012, 2018))
    unit = _Unit(plan, rng, shape, head)
    for assoc in names.ASSOCIATIONS[: shape.associations]:
        unit.add(None, f"{county.name}{assoc}党支部", BRANCH, township="", size=(3, 10), years=(2008, 2025))
    for _ in range(shape.social_units):
        name = names.unique(
            rng, used, lambda r: county.short + r.choice(names.FIRM_WORDS) + r.choice(names.SOCIAL_UNITS)
        )
        unit.add(None, f"{name}党支部", BRANCH, township=townships[0], size=(3, 10), years=(2010, 2025))
    if shape.associations > 1:
        unit.add(None, f"{county.name}社会组织第一联合党支部", BRANCH, township="", size=(5, 12), years=(2015, 2024))


def build_county(plan: Plan, rng: random.Random, shape: Shape, county: County,
                 parent: OrgSpec | None = None) -> OrgSpec:
    """Add one county (its committee, townships, system committees) and its 12 leaders to the plan."""
    leaders = []
    for i, title in enumerate(names.LEADER_TITLES, start=1):
        g = "M" if rng.random() < 0.8 else "F"
        year = rng.randint(1965, 1985)
        leaders.append((f"{county.code}-L{i:02d}", names.person_name(rng, g, year), title, names.mobile(rng), g, year))
    secretary = leaders[0]
    root = plan.add(parent, rng, code=county.code, name=f"中共{county.name}委员会", level=COMMITTEE,
                    sector=Sector.AGENCY.value, established=_date(rng, 1949, 1951),
                    secretary=(secretary[1], secretary[4], secretary[5]))
    plan.county_roots.append(root)
    plan.leaders.extend(LeaderSpec(code, name, title, phone, root) for code, name, title, phone, _, _ in leaders)

    used: set[str] = set()
    townships = [names.TOWNSHIPS[0], *rng.sample(names.TOWNSHIPS[1:], shape.townships - 1)]
    for number, tname in enumerate(townships, start=1):
        head = _township(plan, rng, shape, county, root, number, tname, used)
        if plan.first_township is None:
            plan.first_township = head
    _agencies(plan, rng, shape, county, root, 91)
    _schools(plan, rng, shape, county, root, 92, townships)
    _health(plan, rng, shape, county, root, 93, townships)
    _enterprises(plan, rng, shape, county, root, 94, townships, used)
    _social(plan, rng, shape, county, root, 95, townships, used)
    return root


PROVINCE_COUNTIES = 66
PROVINCE_MEMBER_FACTOR = 1.7


def province_counties(rng: random.Random, count: int) -> list[County]:
    """Fictional county names, 临江县 first; codes are initials plus the county's number."""
    pairs = [(a, b) for a in names.COUNTY_FIRST for b in names.COUNTY_SECOND if a[0] != b[0]]
    rng.shuffle(pairs)
    chosen = [(("临", "L"), ("江", "J"))] + [p for p in pairs if p != (("临", "L"), ("江", "J"))][: count - 1]
    return [County(f"{a}{b}县", a + b, f"{ai}{bi}{n:02d}") for n, ((a, ai), (b, bi)) in enumerate(chosen, start=1)]


def plan_county(seed: int, shape: Shape = COUNTY) -> Plan:
    rng = random.Random(seed)  # nosec B311 # seeded demo data, reproducible on purpose; no secret
    plan = Plan()
    build_county(plan, rng, shape, DEMO_COUNTY)
    plan.member_seed = rng.getrandbits(64)
    return plan


def plan_province(seed: int, counties: int = PROVINCE_COUNTIES, county_shape: Shape = COUNTY) -> Plan:
    """A province committee over `counties` counties of the county shape, members scaled up.

    Each county draws from its own generator seeded from the province's, so adding a
    county never reshuffles the ones before it.
    """
    rng = random.Random(seed)  # nosec B311 # seeded demo data, reproducible on purpose; no secret
    plan = Plan()
    root = plan.add(None, rng, code="YJ", name="中共云江省委员会", level=COMMITTEE, sector=Sector.AGENCY.value,
                    established=datetime.date(1949, 10, 1))
    shape = dataclasses.replace(county_shape, member_factor=PROVINCE_MEMBER_FACTOR)
    for county in province_counties(rng, counties):
        build_county(plan, random.Random(rng.getrandbits(64)), shape, county, parent=root)  # nosec B311 # seeded demo data, reproducible on purpose; no secret
    plan.member_seed = rng.getrandbits(64)
    return plan


SCALES = {
    "small": lambda seed: plan_county(seed, SMALL),
    "county": lambda seed: plan_county(seed, COUNTY),
    "province": plan_province,
    # The province's shape at the small scale's size: what the tests seed to keep province-only paths working.
    "small-province": lambda seed: plan_province(seed, 2, SMALL),
}
