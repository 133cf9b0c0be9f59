from types import SimpleNamespace

import pytest
from django.core.cache import cache

from pacesetter.orgs.enums import OrgLevel, Role, Sector

from .factories import LeaderFactory, MemberFactory, make_org, make_user


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the database rolls back after a test but the
    cache does not, and figures cached by one test (the home dashboard caches counts that
    took long on a loaded machine; throttles count in the cache) would leak into the next."""
    cache.clear()


@pytest.fixture
def tree(db):
    """A small county: root → two townships → a branch each; one user per role.

    county_admin, leader and inspector are attached to the county; org_admin to township
    one; branch_admin, member and affiliate to township one's branch.
    """
    return make_tree()


def make_tree() -> SimpleNamespace:
    """The `tree` fixture's county, for fixtures of a wider scope (tests/api/test_whole_api_schemathesis.py)."""
    county = make_org(code="C", name="测试县委", level=OrgLevel.COMMITTEE, sector=Sector.AGENCY)
    t1 = make_org(county, code="T1", name="一号镇党委", level=OrgLevel.COMMITTEE, township="一号镇")
    b1 = make_org(t1, code="T1B1", name="一号村党支部", township="一号镇")
    t2 = make_org(county, code="T2", name="二号镇党委", level=OrgLevel.COMMITTEE, township="二号镇")
    b2 = make_org(t2, code="T2B1", name="二号村党支部", township="二号镇")
    users = SimpleNamespace(
        county_admin=make_user("county", Role.COUNTY_ADMIN, county, is_staff=True),
        org_admin=make_user("township1", Role.ORG_ADMIN, t1),
        branch_admin=make_user("branch1", Role.ORG_ADMIN, b1),
        leader=make_user("leader1", Role.LEADER, county),
        inspector=make_user("inspector", Role.INSPECTOR, county),
        member=make_user("member1", Role.MEMBER, b1),
        affiliate=make_user("affiliate1", Role.AFFILIATE_ADMIN, b1),
        nobody=make_user("nobody"),
    )
    m1 = MemberFactory(organization=b1, code="M1", name="张三")
    m2 = MemberFactory(organization=b2, code="M2", name="李四")
    leader = LeaderFactory(organization=county, code="L1", name="王县长")
    return SimpleNamespace(county=county, t1=t1, b1=b1, t2=t2, b2=b2, users=users, m1=m1, m2=m2, leader=leader)
