import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from pacesetter.doublelead.models import DoubleLeadMember, Enterprise, YearFigures
from tests.factories import MemberFactory

from .world import enterprise, figures, register, rural, world


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client
    return login


def test_register_page_registers_a_rural_member_by_code(tree, as_user):
    rural(tree.m1)
    response = as_user(tree.users.org_admin).post("/double-lead/register/", {
        "member_code": "M1", "registered_on": "2025-01-02", "note": ""})
    holder = DoubleLeadMember.objects.get()
    assert (response.status_code, response["Location"], str(holder.registered_on)) == (
        302, f"/double-lead/{holder.pk}/", "2025-01-02")


def test_register_page_refuses_a_member_outside_the_admins_organisations(tree, as_user):
    rural(tree.m2)
    with translation.override("en"):
        response = as_user(tree.users.org_admin).post("/double-lead/register/", {
            "member_code": "M2", "registered_on": "2025-01-02"}, HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.context["form"].errors["member_code"]) == (
        400, ["No member with this code in your organisations."])


def test_register_page_refuses_a_member_who_is_not_rural(tree, as_user):
    with translation.override("en"):
        response = as_user(tree.users.org_admin).post("/double-lead/register/", {
            "member_code": "M1", "registered_on": "2025-01-02"}, HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.context["form"].non_field_errors()) == (
        400, ["张三 (M1) is not a rural member; only rural members are double-lead members."])


def test_figures_page_refuses_a_second_set_for_the_year(tree, as_user):
    holder = register(tree, tree.m1)
    figures(tree, holder, year=2024)
    response = as_user(tree.users.org_admin).post(f"/double-lead/{holder.pk}/figures/new/", {
        "year": "2024", "own_income": "3", "helped_income_increase": "1", "jobs_created": "2"})
    assert (response.status_code, YearFigures.objects.count()) == (400, 1)


def test_enterprise_page_adds_an_enterprise(tree, as_user):
    holder = register(tree, tree.m1)
    as_user(tree.users.branch_admin).post(f"/double-lead/{holder.pk}/enterprise/new/", {
        "name": "山泉茶叶专业合作社", "kind": "cooperative", "industry": "茶叶", "founded_year": "2019",
        "employees": "8"})
    assert list(Enterprise.objects.values_list("name", "kind", "employees")) == [("山泉茶叶专业合作社", "cooperative", 8)]


def test_enterprise_edit_page_starts_from_the_current_values(tree, as_user):
    made = world(tree)
    response = as_user(tree.users.org_admin).get(f"/double-lead/enterprise/{made.enterprise_in.pk}/edit/")
    assert response.context["form"].initial["name"] == "绿源果蔬专业合作社"


def test_list_filters_by_township(tree, as_user):
    world(tree)
    response = as_user(tree.users.county_admin).get("/double-lead/?township=二号镇")
    assert [h.member.code for h in response.context["page"].object_list] == ["M2"]


def test_list_filters_by_industry(tree, as_user):
    made = world(tree)
    enterprise(tree, made.dl_out, name="茶园", industry="茶叶")
    response = as_user(tree.users.county_admin).get("/double-lead/?industry=茶叶")
    assert [h.member.code for h in response.context["page"].object_list] == ["M2"]


def test_detail_chart_has_one_point_per_year(tree, as_user):
    made = world(tree)
    figures(tree, made.dl_in, year=2023, income="8.00")
    response = as_user(tree.users.member).get(f"/double-lead/{made.dl_in.pk}/")
    assert (response.context["chart"]["labels"], response.context["chart"]["own"]) == (["2023", "2024"], [8.0, 12.5])


def test_detail_page_hides_the_change_links_from_the_member(tree, as_user):
    made = world(tree)
    response = as_user(tree.users.member).get(f"/double-lead/{made.dl_in.pk}/")
    assert (response.status_code, response.context["can_edit"], b"/edit/" in response.content) == (200, False, False)


def test_statistics_export_is_a_workbook_with_the_townships(tree, as_user):
    world(tree)
    response = as_user(tree.users.county_admin).get("/double-lead/statistics/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [row[:3] for row in sheet.iter_rows(min_row=2, values_only=True)] == [("一号镇", 1, 1), ("二号镇", 1, 1)]


def test_member_export_lists_the_visible_members(tree, as_user):
    world(tree)
    response = as_user(tree.users.org_admin).get("/double-lead/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["M1"]


def _members(tree, n):
    for i in range(n):
        holder = register(tree, MemberFactory(organization=tree.b1 if i % 2 else tree.b2))
        enterprise(tree, holder)
        figures(tree, holder)


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count(tree, as_user, django_assert_num_queries, n):
    _members(tree, n)
    client = as_user(tree.users.county_admin)
    with django_assert_num_queries(9):
        client.get("/double-lead/?active=yes")


@pytest.mark.parametrize("n", [1, 3])
def test_statistics_page_query_count(tree, as_user, django_assert_num_queries, n):
    _members(tree, n)
    client = as_user(tree.users.county_admin)
    with django_assert_num_queries(10):
        client.get("/double-lead/statistics/")


@pytest.mark.parametrize("n", [1, 3])
def test_detail_query_count(tree, as_user, django_assert_num_queries, n):
    holder = register(tree, tree.m1)
    for i in range(n):
        enterprise(tree, holder, name=f"企业{i}")
        figures(tree, holder, year=2020 + i)
    client = as_user(tree.users.county_admin)
    with django_assert_num_queries(9):
        client.get(f"/double-lead/{holder.pk}/")
