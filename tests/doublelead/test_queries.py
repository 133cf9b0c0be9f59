from decimal import Decimal

import pytest

from pacesetter.doublelead import domain
from pacesetter.doublelead.models import DoubleLeadMember
from pacesetter.doublelead.queries import (
    county_years,
    double_lead_members_visible_to,
    record_of,
    statistics,
    trainings_visible_to,
)
from tests.factories import MemberFactory

from .world import enterprise, figures, household, register, world


@pytest.mark.parametrize(("role", "codes"), [
    ("county_admin", ["M1", "M2"]), ("org_admin", ["M1"]), ("branch_admin", ["M1"]), ("inspector", ["M1", "M2"]),
    ("member", ["M1"]), ("leader", []), ("affiliate", []), ("nobody", []),
])
def test_double_lead_members_visible_to_by_role(tree, role, codes):
    world(tree)
    visible = double_lead_members_visible_to(getattr(tree.users, role))
    assert sorted(visible.values_list("member__code", flat=True)) == codes


def test_trainings_follow_their_members_visibility(tree):
    made = world(tree)
    assert list(trainings_visible_to(tree.users.member)) == [made.training_in]


def _hand_made(tree):
    """T1: two members (2 cooperatives, 1 family farm; 3 households); T2: one (1 enterprise, no households)."""
    a, b = register(tree, tree.m1), register(tree, MemberFactory(organization=tree.b1))
    c = register(tree, tree.m2)
    enterprise(tree, a), enterprise(tree, b), enterprise(tree, a, name="家庭农场", kind="family_farm")
    enterprise(tree, c, name="二号公司", kind="company")
    household(tree, a), household(tree, a, head="李二"), household(tree, b)
    figures(tree, a, year=2023, income="10.00", increase="2.00", jobs=4)
    figures(tree, a, year=2024, income="12.00", increase="3.00", jobs=5)
    figures(tree, b, year=2024, income="7.00", increase="1.50", jobs=2)
    figures(tree, c, year=2024, income="20.00", increase="6.00", jobs=9)
    domain.update_double_lead(b, by=tree.users.county_admin, active=False)


def test_statistics_counts_members_enterprises_and_households_by_township(tree):
    _hand_made(tree)
    stats = statistics(DoubleLeadMember.objects.all())
    assert [(r.township, r.members, r.active, r.enterprises, r.households) for r in stats.rows] == [
        ("一号镇", 2, 1, {"cooperative": 2, "family_farm": 1}, 3),
        ("二号镇", 1, 1, {"company": 1}, 0),
    ]


def test_statistics_sums_and_averages_each_years_figures(tree):
    _hand_made(tree)
    stats = statistics(DoubleLeadMember.objects.all())
    one = stats.rows[0].years
    assert (stats.years, one[2023].own_income, one[2024].own_income, one[2024].own_income_avg,
            one[2024].helped_income_increase, one[2024].jobs_created, one[2024].members) == (
        [2023, 2024], Decimal("10.00"), Decimal("19.00"), Decimal("9.50"), Decimal("4.50"), 7, 2)


def test_statistics_only_counts_the_members_given(tree):
    _hand_made(tree)
    stats = statistics(double_lead_members_visible_to(tree.users.org_admin))
    assert [(r.township, r.members) for r in stats.rows] == [("一号镇", 2)]


def test_county_years_adds_up_every_township(tree):
    _hand_made(tree)
    rows = county_years(DoubleLeadMember.objects.all())
    assert [(year, t.own_income, t.jobs_created, t.own_income_avg) for year, t in rows] == [
        (2023, Decimal("10.00"), 4, Decimal("10.00")), (2024, Decimal("39.00"), 16, Decimal("13.00"))]


def test_statistics_query_count_does_not_grow_with_townships(tree, django_assert_num_queries):
    _hand_made(tree)
    with django_assert_num_queries(5):
        statistics(DoubleLeadMember.objects.all())


def test_record_of_summarises_enterprises_households_and_latest_year(tree):
    holder = register(tree, tree.m1)
    enterprise(tree, holder)
    household(tree, holder)
    figures(tree, holder, year=2023)
    figures(tree, holder, year=2024, income="15.00", increase="4.00", jobs=6)
    assert record_of(tree.m1) == {
        "registered_on": "2024-03-01", "active": True,
        "enterprises": [{"name": "绿源果蔬专业合作社", "kind": "cooperative", "industry": "果蔬种植", "employees": 12}],
        "households_helped": 1,
        "latest_year": {"year": 2024, "own_income": "15.00", "helped_income_increase": "4.00", "jobs_created": 6},
    }


def test_record_of_a_member_not_registered_is_none(tree):
    assert record_of(tree.m1) is None
