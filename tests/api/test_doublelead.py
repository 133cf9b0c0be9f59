import pytest
from rest_framework.test import APIClient

from pacesetter.doublelead.models import DoubleLeadMember, Enterprise
from tests.doublelead.world import enterprise, figures, register, rural, world
from tests.factories import MemberFactory

API = "/api/v1"


@pytest.fixture
def api():
    def login(user):
        client = APIClient()
        client.force_authenticate(user)
        return client
    return login


def test_register_makes_a_double_lead_member(tree, api):
    rural(tree.m1)
    response = api(tree.users.org_admin).post(f"{API}/double-lead-members/", {"member_code": "M1"}, format="json")
    assert (response.status_code, response.json()["member_code"], DoubleLeadMember.objects.count()) == (201, "M1", 1)


def test_register_refuses_a_member_who_is_not_rural(tree, api):
    response = api(tree.users.org_admin).post(f"{API}/double-lead-members/", {"member_code": "M1"}, format="json",
                                              HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, list(response.json())) == (400, ["member_code"])


def test_register_refuses_a_member_outside_the_subtree(tree, api):
    rural(tree.m2)
    response = api(tree.users.org_admin).post(f"{API}/double-lead-members/", {"member_code": "M2"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["member_code"])


def test_member_reads_with_its_parts(tree, api):
    made = world(tree)
    body = api(tree.users.member).get(f"{API}/double-lead-members/{made.dl_in.pk}/").json()
    assert ([e["name"] for e in body["enterprises"]], [f["year"] for f in body["figures"]],
            len(body["households"]), len(body["trainings"])) == (["绿源果蔬专业合作社"], [2024], 1, 1)


def test_patch_enterprise_keeps_the_fields_not_sent(tree, api):
    made = world(tree)
    response = api(tree.users.org_admin).patch(f"{API}/double-lead-enterprises/{made.enterprise_in.pk}/",
                                               {"employees": 30}, format="json")
    row = Enterprise.objects.get(pk=made.enterprise_in.pk)
    assert (response.status_code, row.employees, row.name, row.kind) == (200, 30, "绿源果蔬专业合作社", "cooperative")


def test_figures_same_year_is_refused_under_year(tree, api):
    made = world(tree)
    response = api(tree.users.org_admin).post(f"{API}/double-lead-figures/", {
        "holder": made.dl_in.pk, "year": 2024, "own_income": "1.00", "helped_income_increase": "0.50",
        "jobs_created": 1}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["year"])


def test_statistics_endpoint_counts_by_township(tree, api):
    world(tree)
    body = api(tree.users.county_admin).get(f"{API}/double-lead-statistics/").json()
    one = body["townships"][0]
    assert ([t["township"] for t in body["townships"]], one["members"], one["households"],
            [e["count"] for e in one["enterprises"] if e["enterprise_kind"] == "cooperative"],
            [(y["year"], y["own_income"], y["jobs_created"]) for y in body["county"]]) == (
        ["一号镇", "二号镇"], 1, 1, [1], [(2024, "12.50", 5)])


def _members(tree, n):
    for i in range(n):
        holder = register(tree, MemberFactory(organization=tree.b1 if i % 2 else tree.b2))
        enterprise(tree, holder)
        figures(tree, holder)


@pytest.mark.parametrize("n", [1, 3])
def test_member_list_query_count(tree, api, django_assert_num_queries, n):
    _members(tree, n)
    client = api(tree.users.county_admin)
    with django_assert_num_queries(6):
        client.get(f"{API}/double-lead-members/")


@pytest.mark.parametrize("n", [1, 3])
def test_enterprise_list_query_count(tree, api, django_assert_num_queries, n):
    _members(tree, n)
    client = api(tree.users.county_admin)
    with django_assert_num_queries(2):
        client.get(f"{API}/double-lead-enterprises/")


@pytest.mark.parametrize("n", [1, 3])
def test_statistics_query_count(tree, api, django_assert_num_queries, n):
    _members(tree, n)
    client = api(tree.users.county_admin)
    with django_assert_num_queries(6):
        client.get(f"{API}/double-lead-statistics/")


@pytest.mark.parametrize("things", ["enterprises", "figures", "households", "trainings"])
def test_a_holder_too_large_for_the_database_is_refused(tree, api, things):
    """Found by schemathesis: a 22-digit holder overflowed the foreign-key lookup (a 500)."""
    response = api(tree.users.county_admin).get(f"{API}/double-lead-{things}/?holder=4965425204872788049920")
    assert (response.status_code, list(response.json())) == (400, ["holder"])
