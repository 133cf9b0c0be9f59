"""Member, leader and organisation lists: filters give exact rows, inside the user's view."""
import datetime
import io
import re
from types import SimpleNamespace

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from pacesetter.orgs import domain
from pacesetter.orgs.views import common, lists
from pacesetter.orgs.enums import Gender, MemberStatus, OrgLevel, Sector
from pacesetter.orgs.models import Member
from pacesetter.orgs.queries import years_before
from tests.factories import LeaderFactory, MemberFactory, make_org


def codes(response):
    return [row.code for row in response.context["page"].object_list]


def get(client, name, **params):
    return client.get(f"{reverse(name)}?{urlencode(params)}")


@pytest.fixture
def people(tree):
    """Four hand-made members besides M1/M2 (men aged 40 and 42, joined 2005, full, 大学本科, not rural).

    Birth dates are counted back from today, so the age filters give the same rows every year.
    """
    today = timezone.localdate()
    Member.objects.filter(pk=tree.m1.pk).update(birth_date=years_before(today, 40))
    Member.objects.filter(pk=tree.m2.pk).update(birth_date=years_before(today, 42))
    school = make_org(tree.t1, code="T1S", name="一号镇中心学校党支部", sector=Sector.SCHOOL, township="一号镇")
    return SimpleNamespace(
        school=school,
        a1=MemberFactory(code="A1", name="王芳", organization=tree.b1, gender=Gender.FEMALE,
                         birth_date=years_before(today, 25), join_date=datetime.date(2020, 6, 1),
                         status=MemberStatus.PROBATIONARY, education="研究生", is_rural=True),
        a2=MemberFactory(code="A2", name="赵敏", organization=tree.b2, gender=Gender.FEMALE,
                         birth_date=years_before(today, 66), join_date=datetime.date(1985, 1, 1),
                         education="高中", is_rural=True),
        a3=MemberFactory(code="A3", name="王强", organization=tree.t1, gender=Gender.MALE,
                         birth_date=years_before(today, 35), join_date=datetime.date(2022, 1, 1),
                         status=MemberStatus.PROBATIONARY, education="大学专科"),
        a4=MemberFactory(code="A4", name="孙老师", organization=school, gender=Gender.MALE,
                         birth_date=years_before(today, 50) - datetime.timedelta(days=1),
                         join_date=datetime.date(1999, 7, 1)),
    )


# --- Member list --------------------------------------------------------------------------


def test_member_list_shows_every_visible_member_sorted_by_code(people, client, tree):
    client.force_login(tree.users.county_admin)
    assert codes(get(client, "orgs:member-list")) == ["A1", "A2", "A3", "A4", "M1", "M2"]


def test_member_list_of_org_admin_is_its_subtree(people, client, tree):
    client.force_login(tree.users.org_admin)
    assert codes(get(client, "orgs:member-list")) == ["A1", "A3", "A4", "M1"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"org": "T1"}, ["A1", "A3", "A4", "M1"]),
        ({"org": "T1B1"}, ["A1", "M1"]),
        ({"q": "王"}, ["A1", "A3"]),
        ({"q": "a"}, ["A1", "A2", "A3", "A4"]),
        ({"gender": "F"}, ["A1", "A2"]),
        ({"status": "probationary"}, ["A1", "A3"]),
        ({"rural": "yes"}, ["A1", "A2"]),
        ({"rural": "no"}, ["A3", "A4", "M1", "M2"]),
        ({"education": "研究生"}, ["A1"]),
        ({"sector": "school"}, ["A4"]),
        ({"township": "二号镇"}, ["A2", "M2"]),
        ({"age_min": 60}, ["A2"]),
        ({"age_max": 30}, ["A1"]),
        ({"age_min": 35, "age_max": 49}, ["A3", "M1", "M2"]),
        ({"age_min": 50, "age_max": 50}, ["A4"]),
        ({"joined_from": "2019-01-01"}, ["A1", "A3"]),
        ({"joined_to": "1999-07-01"}, ["A2", "A4"]),
        ({"gender": "F", "org": "T1"}, ["A1"]),
    ],
)
def test_member_list_filters(people, client, tree, params, expected):
    client.force_login(tree.users.county_admin)
    assert codes(get(client, "orgs:member-list", **params)) == expected


def test_member_list_unknown_org_code_shows_an_error_and_no_rows(people, client, tree):
    client.force_login(tree.users.county_admin)
    response = get(client, "orgs:member-list", org="NOPE")
    assert (codes(response), [e.code for e in response.context["filter"].errors.as_data()["org"]]) == (
        [], ["unknown_org"],
    )


def test_member_list_org_filter_cannot_reach_outside_the_view(people, client, tree):
    client.force_login(tree.users.org_admin)
    response = get(client, "orgs:member-list", org="T2")
    assert (codes(response), list(response.context["filter"].errors)) == ([], ["org"])


def test_member_list_shows_phones_masked(tree, client):
    client.force_login(tree.users.county_admin)
    html = get(client, "orgs:member-list").content.decode()
    assert (re.findall(r"1\d\d\*{4}\d{4}", html), "13800001234" in html) == (["138****1234", "138****1234"], False)


def test_member_list_pages_keep_the_filter(people, client, tree, monkeypatch):
    monkeypatch.setattr(lists, "LIST_PER_PAGE", 2)
    client.force_login(tree.users.county_admin)
    response = get(client, "orgs:member-list", rural="no", page=2)
    html = response.content.decode()
    assert (codes(response), re.findall(r'href="\?([^"]*)" rel="prev"', html)) == (
        ["M1", "M2"], ["rural=no&amp;page=1"],
    )


def test_member_list_export_link_carries_the_filter_for_editors(tree, client):
    client.force_login(tree.users.county_admin)
    html = get(client, "orgs:member-list", gender="F", page=2).content.decode()
    assert re.findall(r'id="export-link" href="([^"]*)"', html) == [f"{reverse('orgs:member-export')}?gender=F"]


def test_member_list_hides_export_from_read_only_roles(tree, client):
    client.force_login(tree.users.inspector)
    assert re.findall(r'id="export-link"', get(client, "orgs:member-list").content.decode()) == []


@pytest.mark.parametrize("user", ["inspector", "leader", "member"])
@pytest.mark.parametrize("url_name", ["orgs:member-export", "orgs:leader-export", "orgs:organization-export"])
def test_exports_are_forbidden_without_editing_rights(tree, client, user, url_name):
    client.force_login(getattr(tree.users, user))
    assert client.get(reverse(url_name)).status_code == 403


@pytest.mark.parametrize("n", [1, 3])
def test_member_list_query_count_is_constant(tree, client, django_assert_num_queries, n):
    MemberFactory.create_batch(n, organization=tree.b2)
    client.force_login(tree.users.county_admin)
    # session, user, roles, count, the page's keys, its members with their organisations, the unread badge
    with django_assert_num_queries(7):
        response = get(client, "orgs:member-list", township="二号镇")
    assert len(codes(response)) == n + 1


# --- Leader list ---------------------------------------------------------------------------


def test_leader_list_for_county_admin(tree, client):
    LeaderFactory(organization=tree.county, code="L2", name="刘书记", title="县委书记")
    client.force_login(tree.users.county_admin)
    assert codes(get(client, "orgs:leader-list")) == ["L1", "L2"]


def test_leader_list_filters_by_title(tree, client):
    LeaderFactory(organization=tree.county, code="L2", name="刘书记", title="县委书记")
    client.force_login(tree.users.county_admin)
    assert codes(get(client, "orgs:leader-list", q="书记")) == ["L2"]


def test_leader_list_is_scoped_to_the_view(tree, client):
    client.force_login(tree.users.org_admin)
    assert codes(get(client, "orgs:leader-list")) == []


@pytest.mark.parametrize("n", [1, 3])
def test_leader_list_query_count_is_constant(tree, client, django_assert_num_queries, n):
    LeaderFactory.create_batch(n - 1, organization=tree.county)
    client.force_login(tree.users.county_admin)
    # session, user, roles, count, the page's keys, its leaders with their organisations, the unread badge
    with django_assert_num_queries(7):
        response = get(client, "orgs:leader-list")
    assert len(codes(response)) == n


# --- Organisation list ---------------------------------------------------------------------


def test_organization_list_is_in_tree_order(tree, client):
    client.force_login(tree.users.county_admin)
    assert codes(get(client, "orgs:organization-list")) == ["C", "T1", "T1B1", "T2", "T2B1"]


def test_organization_list_rows_carry_direct_member_counts(people, tree, client):
    client.force_login(tree.users.county_admin)
    page = get(client, "orgs:organization-list").context["page"]
    assert [(o.code, o.member_count) for o in page] == [
        ("C", 0), ("T1", 1), ("T1B1", 2), ("T1S", 1), ("T2", 0), ("T2B1", 2),
    ]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"sector": "school"}, ["T1S"]),
        ({"level": OrgLevel.COMMITTEE}, ["C", "T1", "T2"]),
        ({"township": "二号镇"}, ["T2", "T2B1"]),
        ({"status": "dissolved"}, ["T2B1"]),
        ({"status": "active", "township": "二号镇"}, ["T2"]),
        ({"q": "村党支部"}, ["T1B1", "T2B1"]),
        ({"q": "t1"}, ["T1", "T1B1", "T1S"]),
        ({"org": "T1"}, ["T1", "T1B1", "T1S"]),
    ],
)
def test_organization_list_filters(people, tree, client, params, expected):
    domain.dissolve_organization(tree.b2, by=None)
    client.force_login(tree.users.county_admin)
    assert codes(get(client, "orgs:organization-list", **params)) == expected


def test_organization_list_of_org_admin_is_its_subtree(tree, client):
    client.force_login(tree.users.org_admin)
    assert codes(get(client, "orgs:organization-list")) == ["T1", "T1B1"]


@pytest.mark.parametrize("n", [1, 3])
def test_organization_list_query_count_is_constant(tree, client, django_assert_num_queries, n):
    for i in range(n):
        make_org(tree.t2, code=f"Q{i}", sector=Sector.HEALTH)
    client.force_login(tree.users.county_admin)
    # session, user, roles, count, the page's keys, its organisations with member counts, the unread badge
    with django_assert_num_queries(7):
        response = get(client, "orgs:organization-list", sector="health")
    assert len(codes(response)) == n


# --- Exports -------------------------------------------------------------------------------------


def _sheet_codes(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_member_export_has_the_filtered_rows(people, tree, client):
    client.force_login(tree.users.county_admin)
    response = get(client, "orgs:member-export", gender="F")
    assert (response["Content-Type"], _sheet_codes(response)) == (lists.XLSX_TYPE, ["A1", "A2"])


def test_member_export_stays_inside_the_view(people, tree, client):
    client.force_login(tree.users.org_admin)
    assert _sheet_codes(get(client, "orgs:member-export")) == ["A1", "A3", "A4", "M1"]


def test_organization_export_has_the_filtered_rows(tree, client):
    client.force_login(tree.users.county_admin)
    assert _sheet_codes(get(client, "orgs:organization-export", township="一号镇")) == ["T1", "T1B1"]


def test_leader_export_for_county_admin(tree, client):
    client.force_login(tree.users.county_admin)
    assert _sheet_codes(get(client, "orgs:leader-export")) == ["L1"]


def test_leader_export_needs_a_county_admin(tree, client):
    client.force_login(tree.users.org_admin)
    leaders_page = get(client, "orgs:leader-list").content.decode()
    assert (get(client, "orgs:leader-export").status_code, re.findall(r'id="export-link"', leaders_page)) == (403, [])


def test_member_list_count_stops_at_the_cap(people, tree, client, monkeypatch):
    monkeypatch.setattr(common, "COUNT_CAP", 3)
    monkeypatch.setattr(lists, "LIST_PER_PAGE", 2)
    client.force_login(tree.users.county_admin)
    response = client.get(f"{reverse('orgs:member-list')}?page=2", HTTP_ACCEPT_LANGUAGE="en")
    paginator = response.context["page"].paginator
    html = response.content.decode()
    assert (codes(response), paginator.count, paginator.capped, re.findall(r">Last<", html)) == (
        ["A3", "A4"], 4, True, [],
    )
