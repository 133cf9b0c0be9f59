import datetime
from io import BytesIO

import pytest
from django.conf import settings
from django.test import override_settings
from openpyxl import load_workbook

from pacesetter.honours import domain
from pacesetter.honours.models import Honour
from pacesetter.selections.enums import SelectionState

from .helpers import YEAR, final_selection, kind, member_kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def honours(tree):
    """Honours of T1B1 (2024), T2B1 (2023, a member honour of M2) and T2 (2024, revoked)."""
    county = tree.users.county_admin
    b1 = domain.add_honour(by=county, kind=kind(), year=2024, organization=tree.b1)
    m2 = domain.add_honour(by=county, kind=member_kind(), year=2023, organization=tree.b2, member=tree.m2)
    t2 = domain.add_honour(by=county, kind=kind(), year=2024, organization=tree.t2)
    domain.revoke_honour(t2, by=county, reason="材料不实")
    return [b1, m2, t2]


def listed(response) -> list[str]:
    return [h.certificate_no for h in response.context["page"].object_list]


def test_roll_lists_the_honours_in_force_newest_year_first(client, honours):
    response = client.get("/honours/")
    assert listed(response) == [honours[0].certificate_no, honours[1].certificate_no]


@pytest.mark.parametrize(("query", "expected"), [
    ({"year": "2023"}, [1]),
    ({"kind": "{member}"}, [1]),
    ({"township": "一号镇"}, [0]),
    ({"sector": "agency"}, []),
    ({"year": "2024", "township": "二号镇"}, []),
])
def test_roll_filters(client, honours, query, expected):
    query = {k: v.format(member=honours[1].kind_id) for k, v in query.items()}
    assert listed(client.get("/honours/", query)) == [honours[i].certificate_no for i in expected]


def test_roll_chart_counts_honours_per_township_and_kind(client, honours):
    chart = client.get("/honours/").context["chart"]
    assert (chart["townships"], chart["kinds"]) == (
        {"labels": ["一号镇", "二号镇"], "counts": [1, 1]},
        [{"name": "优秀共产党员", "value": 1}, {"name": "红旗支部", "value": 1}],
    )


def test_roll_shows_no_member_codes_or_phone_numbers(client, tree, honours):
    tree.m2.phone = "13812345678"
    tree.m2.save(update_fields=["phone"])
    body = client.get("/honours/").content.decode()
    assert ("李四" in body, "M2" in body, "13812345678" in body) == (True, False, False)


def test_roll_query_count_does_not_grow_with_honours(client, tree, django_assert_num_queries):
    county = tree.users.county_admin
    domain.add_honour(by=county, kind=kind(), year=2024, organization=tree.b1)
    with django_assert_num_queries(8):  # +1: the public page's rate-limit count (core.public_limits)
        client.get("/honours/?year=2024")
    for org in (tree.b2, tree.t1):
        domain.add_honour(by=county, kind=kind(), year=2024, organization=org)
    with django_assert_num_queries(8):  # +1: the public page's rate-limit count (core.public_limits)
        response = client.get("/honours/?year=2024")
    assert len(response.context["page"].object_list) == 3


def test_verify_page_confirms_a_valid_certificate(client, honours):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/honours/verify/{honours[0].verify_token}/")
    assert f"Certificate {honours[0].certificate_no} is genuine and in force." in response.content.decode()


def test_verify_page_says_a_revoked_honour_was_revoked(client, honours):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(f"/honours/verify/{honours[2].verify_token}/").content.decode()
    assert ("This honour was revoked." in body, "材料不实" in body) == (True, False)


def test_verify_page_of_an_unknown_code_is_a_404(client, honours):
    assert client.get("/honours/verify/AAAAAAAAAAAAAAAAAAAAAA/").status_code == 404


def test_manage_list_includes_revoked_honours_for_county_admins(client, tree, honours):
    client.force_login(tree.users.county_admin)
    assert listed(client.get("/honours/manage/", {"state": "revoked"})) == [honours[2].certificate_no]


def test_manage_list_query_count_does_not_grow_with_honours(client, tree, django_assert_num_queries):
    county = tree.users.county_admin
    client.force_login(county)
    domain.add_honour(by=county, kind=kind(), year=2024, organization=tree.b1)
    client.get("/honours/manage/")
    with django_assert_num_queries(9):
        client.get("/honours/manage/")
    for org in (tree.b2, tree.t1):
        domain.add_honour(by=county, kind=kind(), year=2024, organization=org)
    with django_assert_num_queries(9):
        response = client.get("/honours/manage/")
    assert len(response.context["page"].object_list) == 3


def test_export_holds_the_filtered_honours(client, tree, honours):
    client.force_login(tree.users.county_admin)
    response = client.get("/honours/manage/export.xlsx", {"year": "2024"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [row[:4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [(h.certificate_no, 2024, "红旗支部", h.organization_name) for h in (honours[0], honours[2])]


def test_mine_lists_the_honours_of_ones_organisations(client, tree, honours):
    client.force_login(tree.users.org_admin)
    assert listed(client.get("/honours/mine/")) == [honours[0].certificate_no]


def test_revoke_page_takes_the_honour_off_the_roll(client, tree, honours):
    client.force_login(tree.users.county_admin)
    client.post(f"/honours/h/{honours[0].pk}/revoke/", {"reason": "材料不实"})
    client.logout()
    assert listed(client.get("/honours/")) == [honours[1].certificate_no]


def test_add_page_enters_a_member_honour_by_member_code(client, tree):
    client.force_login(tree.users.county_admin)
    response = client.post("/honours/manage/add/", {"kind": member_kind().pk, "year": "2022", "organization": "T1B1",
                                                    "member": "M1", "citation": "表现突出"})
    honour = Honour.objects.get()
    assert (response.status_code, honour.member_name, honour.year, honour.commended_on) == (
        302, "张三", 2022, datetime.date(2022, 12, 31))


def test_add_page_shows_a_refusal_on_its_field(client, tree):
    client.force_login(tree.users.county_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post("/honours/manage/add/", {"kind": member_kind().pk, "year": "2022",
                                                    "organization": "T1B1"})
    assert response.context["form"].errors == {"member": ["“优秀共产党员” is given to a member: choose one."]}


def test_commend_page_lists_the_confirmed_nominees(client, tree):
    selection = final_selection(tree, nominees=[tree.b1, tree.t1])
    client.force_login(tree.users.county_admin)
    response = client.get(f"/honours/commend/{selection.pk}/")
    assert [n.organization.code for n in response.context["nominations"]] == ["T1B1", "T1"]


def test_commend_page_commends_and_offers_the_certificates(client, tree):
    selection = final_selection(tree)
    client.force_login(tree.users.county_admin)
    response = client.post(f"/honours/commend/{selection.pk}/", {"commended_on": "2026-01-15",
                                                                 "citation": "成绩突出"}, follow=True)
    selection.refresh_from_db()
    assert (selection.state, response.context["commended"], Honour.objects.get().citation) == (
        SelectionState.COMMENDED, True, "成绩突出")


@override_settings(SITE_URL="https://dangjian.example.cn")
def test_certificate_carries_the_verify_address_and_the_county_committee(client, tree):
    [honour] = domain.commend(final_selection(tree), by=tree.users.county_admin,
                              commended_on=datetime.date(2026, 1, 15))
    client.force_login(tree.users.county_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/honours/h/{honour.pk}/certificate/")
    [sheet] = response.context["sheets"]
    body = response.content.decode()
    assert (sheet["url"], response.context["issuer"], f"No. {YEAR}-RFB" in body, "<svg" in body) == (
        f"https://dangjian.example.cn/honours/verify/{honour.verify_token}/", "测试县委", True, True)


def test_certificate_of_a_revoked_honour_is_not_printed(client, tree, honours):
    client.force_login(tree.users.county_admin)
    response = client.get(f"/honours/h/{honours[2].pk}/certificate/")
    assert response.context["sheets"] == []


def test_selection_certificates_print_one_sheet_per_honour(client, tree):
    selection = final_selection(tree, nominees=[tree.b1, tree.t1])
    honours = domain.commend(selection, by=tree.users.county_admin)
    client.force_login(tree.users.county_admin)
    response = client.get(f"/honours/commend/{selection.pk}/certificates/")
    assert [s["honour"].pk for s in response.context["sheets"]] == [h.pk for h in honours]


@pytest.mark.parametrize("n", [1, 3])
def test_mine_query_count_does_not_grow_with_honours(client, tree, django_assert_num_queries, n):
    for org in [tree.b1, tree.t1, tree.b1][:n]:
        domain.add_honour(by=tree.users.county_admin, kind=kind(), year=2024, organization=org)
    client.force_login(tree.users.org_admin)
    with django_assert_num_queries(9):
        response = client.get("/honours/mine/")
    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("n", [1, 3])
def test_selection_certificates_query_count_does_not_grow_with_honours(client, tree, django_assert_num_queries, n):
    selection = final_selection(tree, nominees=[tree.b1, tree.t1, tree.t2][:n])
    domain.commend(selection, by=tree.users.county_admin)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(7):
        response = client.get(f"/honours/commend/{selection.pk}/certificates/")
    assert len(response.context["sheets"]) == n


def test_certificate_of_a_member_honour_names_the_member_and_the_organisation(client, tree):
    honour = domain.add_honour(by=tree.users.county_admin, kind=member_kind(), year=2024, organization=tree.b1,
                               member=tree.m1)
    client.force_login(tree.users.county_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(f"/honours/h/{honour.pk}/certificate/").content.decode()
    assert "Comrade 张三 of 一号村党支部:" in body
