import pytest
from django.utils import timezone

from pacesetter.linkage import domain
from pacesetter.linkage.enums import AffiliateKind
from pacesetter.linkage.queries import (
    activities_visible_to,
    affiliate_honours_of,
    coverage,
    covered_organizations,
    honours_visible_to,
    lacking,
    units_visible_to,
)
from pacesetter.orgs.enums import OrgStatus
from tests.factories import make_org

from .world import make_unit, make_world

YL, TU, WF = AffiliateKind.YOUTH_LEAGUE, AffiliateKind.TRADE_UNION, AffiliateKind.WOMENS_FEDERATION


@pytest.mark.parametrize("role,codes", [
    ("county_admin", ["U2", "W1", "Y1"]), ("inspector", ["U2", "W1", "Y1"]), ("org_admin", ["W1", "Y1"]),
    ("branch_admin", ["W1", "Y1"]), ("affiliate", ["W1", "Y1"]), ("leader", []), ("member", []), ("nobody", []),
])
def test_units_visible_to_each_role(tree, role, codes):
    make_world(tree)
    assert sorted(units_visible_to(getattr(tree.users, role)).values_list("code", flat=True)) == codes


def test_affiliate_admin_sees_only_their_units_honours_and_activities(tree):
    w = make_world(tree)
    user = tree.users.affiliate
    assert (list(honours_visible_to(user)), list(activities_visible_to(user))) == ([w.honour], [w.activity])


def _coverage_tree(tree):
    """T1 (committee), T1B1 village, T2 committee, T2B1 village, plus a school in 一号镇 and a
    dissolved village in 二号镇 that is never counted."""
    school = make_org(tree.t1, code="S1", name="一号镇中学党支部", sector="school", township="一号镇")
    gone = make_org(tree.t2, code="GONE", name="撤并村党支部", township="二号镇")
    gone.status = OrgStatus.DISSOLVED
    gone.save(update_fields=["status"])
    make_unit(tree, tree.b1, code="Y1")
    make_unit(tree, tree.b1, code="W1", kind=WF)
    make_unit(tree, tree.b2, code="Y2")
    make_unit(tree, school, code="U1", kind=TU)
    make_unit(tree, school, code="Y3")
    old = make_unit(tree, tree.t2, code="W2", kind=WF)
    domain.update_unit(old, by=tree.users.county_admin, kind=WF, name=old.name, organization=tree.t2, members_count=0,
                       head_name="", established=None, active=False)
    return school


def test_coverage_by_township_counts_active_units_of_active_organisations(tree):
    _coverage_tree(tree)
    rows = coverage(covered_organizations(tree.users.county_admin), "township")
    table = [(r.key, r.total, r.counts[YL], r.counts[TU], r.counts[WF]) for r in rows]
    # C has no township; 一号镇: T1, T1B1, S1; 二号镇: T2, T2B1 (GONE dissolved, W2 inactive).
    assert table == [("", 1, 0, 0, 0), ("一号镇", 3, 2, 1, 1), ("二号镇", 2, 1, 0, 0), ("", 6, 3, 1, 1)]


def test_coverage_by_sector_gives_shares(tree):
    _coverage_tree(tree)
    rows = coverage(covered_organizations(tree.users.county_admin).filter(level="branch"), "sector")
    assert [(r.key, r.total, r.cells) for r in rows] == [
        ("school", 1, [(1, 1.0), (1, 1.0), (0, 0.0)]),
        ("village", 2, [(2, 1.0), (0, 0.0), (1, 0.5)]),
        ("", 3, [(3, 1.0), (1, 1 / 3), (1, 1 / 3)]),
    ]


def test_coverage_of_an_org_admin_covers_their_subtree_only(tree):
    _coverage_tree(tree)
    rows = coverage(covered_organizations(tree.users.org_admin), "township")
    assert [(r.key, r.total, r.counts[YL]) for r in rows] == [("一号镇", 3, 2), ("", 3, 2)]


def test_coverage_of_nothing_has_an_empty_total(tree):
    rows = coverage(covered_organizations(tree.users.member), "sector")
    assert [(r.total, r.cells) for r in rows] == [(0, [(0, None), (0, None), (0, None)])]


def test_lacking_lists_organisations_without_the_kind(tree):
    _coverage_tree(tree)
    orgs = lacking(covered_organizations(tree.users.county_admin), TU)
    assert list(orgs.values_list("code", flat=True)) == ["C", "T1", "T1B1", "T2", "T2B1"]


def test_coverage_takes_the_same_queries_for_any_size(tree, django_assert_num_queries):
    _coverage_tree(tree)
    user = tree.users.county_admin
    with django_assert_num_queries(2):
        coverage(covered_organizations(user), "sector")
        coverage(covered_organizations(user), "township")


def test_affiliate_honours_of_lists_recent_honours_of_the_linked_units(tree):
    unit = make_unit(tree, tree.b1, code="Y1", name="一号村团支部")
    other = make_unit(tree, tree.b2, code="Y2")
    year = timezone.localdate().year
    admin = tree.users.county_admin
    domain.add_honour(unit, by=admin, year=year - 3, title="太旧的荣誉", awarded_by="共青团县委")
    domain.add_honour(unit, by=admin, year=year - 1, title="五四红旗团支部", awarded_by="共青团县委")
    domain.add_honour(unit, by=admin, year=year, title="优秀共青团员", recipient="individual", person_name="小王",
                      awarded_by="共青团市委")
    domain.add_honour(other, by=admin, year=year, title="别村的荣誉", awarded_by="共青团县委")
    assert affiliate_honours_of(tree.b1) == [
        {"year": year, "title": "优秀共青团员", "kind": YL, "unit": "一号村团支部", "recipient": "individual",
         "person_name": "小王", "awarded_by": "共青团市委"},
        {"year": year - 1, "title": "五四红旗团支部", "kind": YL, "unit": "一号村团支部", "recipient": "collective",
         "person_name": "", "awarded_by": "共青团县委"},
    ]
