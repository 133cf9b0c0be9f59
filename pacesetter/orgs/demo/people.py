"""Party members of a demo organisation: who they are depends on the sector they work in.

A village branch is mostly older men with a middle-school education; a hospital branch
is younger, more women, more degrees. Everything is drawn from the caller's
`random.Random` and dated against the fixed `AS_OF`, so a seed always gives the same
people.
"""
from __future__ import annotations

import bisect
import datetime
import itertools
import random
from collections.abc import Iterator

from ..enums import Gender, MemberStatus, Sector
from . import names

MALE, FEMALE = Gender.MALE.value, Gender.FEMALE.value
FORMAL, PROBATIONARY = MemberStatus.FORMAL.value, MemberStatus.PROBATIONARY.value

#: The demo's "today": dates never depend on the day the seed runs.
AS_OF = datetime.date(2025, 12, 31)
_AS_OF_ORD = AS_OF.toordinal()

MALE_SHARE = {
    Sector.VILLAGE: 0.72, Sector.COMMUNITY: 0.50, Sector.AGENCY: 0.64, Sector.SCHOOL: 0.44,
    Sector.HEALTH: 0.38, Sector.ENTERPRISE: 0.66, Sector.SOCIAL: 0.55,
}

#: Birth years (low, high, mode) of a sector's members; retirees have their own.
BIRTH_YEARS = {
    Sector.VILLAGE: (1940, 2002, 1963), Sector.COMMUNITY: (1940, 2002, 1970), Sector.AGENCY: (1962, 2000, 1982),
    Sector.SCHOOL: (1962, 2001, 1984), Sector.HEALTH: (1962, 2001, 1986), Sector.ENTERPRISE: (1965, 2002, 1986),
    Sector.SOCIAL: (1955, 2002, 1980),
}
RETIREE_YEARS = (1940, 1965, 1954)

_E = names.EDUCATION  # 小学 初中 高中 中专 大专 大学本科 硕士研究生 博士研究生
_EDUCATION_WEIGHTS = {
    Sector.VILLAGE: (12, 40, 24, 9, 10, 5, 0, 0),
    Sector.COMMUNITY: (2, 12, 25, 12, 27, 20, 2, 0),
    Sector.AGENCY: (0, 0, 3, 3, 20, 63, 10, 1),
    Sector.SCHOOL: (0, 0, 0, 3, 20, 69, 8, 0),
    Sector.HEALTH: (0, 0, 1, 10, 30, 50, 8, 1),
    Sector.ENTERPRISE: (0, 14, 25, 15, 25, 19, 2, 0),
    Sector.SOCIAL: (0, 3, 14, 10, 34, 34, 5, 0),
}
# People born before 1960 went to school when fewer could: one table for all sectors.
_EDUCATION_OLD = (30, 38, 18, 8, 4, 2, 0, 0)


def _cumulative(weights) -> tuple[int, ...]:
    return tuple(itertools.accumulate(weights))


_EDUCATION_CUM = {sector: _cumulative(w) for sector, w in _EDUCATION_WEIGHTS.items()}
_EDUCATION_OLD_CUM = _cumulative(_EDUCATION_OLD)

#: The branch committee (支委) a branch of n members elects, in this order; the rest are 党员.
SECRETARY = "书记"
PLAIN = "党员"


def committee_positions(n: int) -> list[str]:
    if n <= 0:
        return []
    if n < 3:
        return [SECRETARY]
    if n < 7:
        return [SECRETARY, "组织委员", "宣传委员"][:n]
    if n < 15:
        return [SECRETARY, "组织委员", "宣传委员", "纪检委员"]
    return [SECRETARY, "副书记", "组织委员", "宣传委员", "纪检委员"]


def gender(rng: random.Random, sector: str) -> str:
    return MALE if rng.random() < MALE_SHARE[sector] else FEMALE


def birth_year(rng: random.Random, sector: str, *, retiree: bool = False) -> int:
    low, high, mode = RETIREE_YEARS if retiree else BIRTH_YEARS[sector]
    return min(high, int(rng.triangular(low, high + 1, mode)))


def leading_person(rng: random.Random, sector: str) -> tuple[str, str, int]:
    """(name, gender, birth year) of an organisation's secretary: aged 30–60, mostly men."""
    g = MALE if rng.random() < min(0.9, MALE_SHARE[sector] + 0.15) else FEMALE
    year = rng.randint(1966, 1994)
    return names.person_name(rng, g, year), g, year


def _education(rng: random.Random, sector: str, year: int) -> str:
    cum = _EDUCATION_OLD_CUM if year < 1960 else _EDUCATION_CUM[sector]
    return _E[bisect.bisect_right(cum, rng.random() * cum[-1])]


def _join_date(rng: random.Random, birth: datetime.date, probationary: bool) -> datetime.date:
    """Formal members joined at 18 or later and finished a year's probation before AS_OF."""
    if probationary:
        return datetime.date.fromordinal(_AS_OF_ORD - rng.randint(1, 364))
    earliest = birth.replace(year=birth.year + 18, day=min(birth.day, 28)).toordinal()
    latest = _AS_OF_ORD - 366
    join = earliest + int(rng.expovariate(1 / 2800))  # most join in their twenties
    if join > latest:
        join = rng.randint(earliest, latest)
    return datetime.date.fromordinal(join)


def members(
    rng: random.Random,
    *,
    code: str,
    sector: str,
    count: int,
    secretary: str,
    secretary_gender: str,
    secretary_born: int,
    retirees: bool = False,
    clan: str | None = None,
    probationary_share: float = 0.05,
) -> Iterator[tuple]:
    """Yield (code, name, gender, birth_date, join_date, status, education, position, is_rural, phone).

    The first member is the secretary named on the organisation; the branch committee
    follows; probationary members are only ever ordinary members.
    """
    positions = committee_positions(count)
    rural = sector == Sector.VILLAGE
    random_ = rng.random
    for i in range(1, count + 1):
        position = positions[i - 1] if i <= len(positions) else PLAIN
        if i == 1:
            g, year, name = secretary_gender, secretary_born, secretary
        else:
            g = gender(rng, sector)
            year = birth_year(rng, sector, retiree=retirees)
            family = clan if clan and random_() < 0.4 else None
            name = names.person_name(rng, g, year, family)
        birth = datetime.date.fromordinal(datetime.date(year, 1, 1).toordinal() + rng.randrange(365))
        probationary = position == PLAIN and not retirees and random_() < probationary_share
        yield (
            f"{code}-{i:04d}",
            name,
            g,
            birth,
            _join_date(rng, birth, probationary),
            PROBATIONARY if probationary else FORMAL,
            _education(rng, sector, year),
            position,
            rural,
            names.mobile(rng),
        )
