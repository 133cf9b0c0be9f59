"""/api/v1/honours/."""
import pytest

from pacesetter.honours import domain
from pacesetter.honours.models import Honour
from pacesetter.selections.enums import SelectionState
from tests.honours.helpers import YEAR, final_selection, kind

pytestmark = pytest.mark.django_db
P = "/api/v1/honours/"


def _add(tree, org, year=2024):
    return domain.add_honour(by=tree.users.county_admin, kind=kind(), year=year, organization=org)


def test_list_hides_revoked_honours_from_everyone_but_county_admins(tree, login):
    shown = _add(tree, tree.b1)
    domain.revoke_honour(_add(tree, tree.b2), by=tree.users.county_admin, reason="材料不实")
    results = login(tree.users.member).get(P).json()["results"]
    assert [r["id"] for r in results] == [shown.pk]


def test_list_shows_county_admins_revoked_honours_on_request(tree, login):
    _add(tree, tree.b1)
    revoked = domain.revoke_honour(_add(tree, tree.b2), by=tree.users.county_admin, reason="材料不实")
    results = login(tree.users.county_admin).get(P, {"revoked": "true"}).json()["results"]
    assert [(r["id"], r["revoked"], r["revoked_reason"]) for r in results] == [(revoked.pk, True, "材料不实")]


def test_honour_fields_are_public_ones(tree, login):
    honour = domain.add_honour(by=tree.users.county_admin, kind=kind("outstanding_member", "优秀共产党员", "member"),
                               year=2024, organization=tree.b1, member=tree.m1)
    body = login(tree.users.member).get(f"{P}{honour.pk}/").json()
    assert (sorted(body), body["member_name"], body["kind"], body["verify_url"]) == (
        ["affiliate_unit", "affiliate_unit_name", "certificate_no", "citation", "commended_on", "id", "kind",
         "member_name", "organization", "organization_name", "revoked", "revoked_at", "revoked_reason", "sector", "selection", "township", "url",
         "verify_url", "year"],
        "张三", {"code": "outstanding_member", "name": "优秀共产党员"},
        f"http://testserver/honours/verify/{honour.verify_token}/",
    )


@pytest.mark.parametrize(("query", "expected"), [
    ({"year": "2023"}, ["T2B1"]),
    ({"township": "一号镇"}, ["T1B1"]),
    ({"organization": "T2"}, ["T2B1"]),
    ({"kind": "red_flag_branch", "sector": "village"}, ["T1B1", "T2B1"]),
])
def test_list_filters(tree, login, query, expected):
    _add(tree, tree.b1)
    _add(tree, tree.b2, year=2023)
    results = login(tree.users.county_admin).get(P, query).json()["results"]
    assert [r["organization"] for r in results] == expected


def test_list_query_count_does_not_grow_with_honours(tree, login, django_assert_num_queries):
    api = login(tree.users.member)
    _add(tree, tree.b1)
    api.get(P)
    with django_assert_num_queries(5):
        api.get(P)
    _add(tree, tree.b2)
    _add(tree, tree.t1)
    with django_assert_num_queries(5):
        assert len(api.get(P).json()["results"]) == 3


def test_create_enters_an_earlier_honour(tree, login):
    response = login(tree.users.county_admin).post(P, {"kind": "red_flag_branch", "year": 2022, "organization": "T1B1",
                                                       "citation": "党建工作成绩突出"}, format="json")
    honour = Honour.objects.get()
    assert (response.status_code, response.json()["certificate_no"], honour.citation) == (
        201, f"2022-RFB{honour.kind_id}-0001", "党建工作成绩突出")


def test_create_refusal_names_its_field(tree, login):
    response = login(tree.users.county_admin).post(P, {"kind": "red_flag_branch", "year": 1800,
                                                       "organization": "T1B1"}, format="json")
    assert (response.status_code, sorted(response.json())) == (400, ["year"])


def test_revoke_takes_the_honour_off_the_list(tree, login):
    honour = _add(tree, tree.b1)
    response = login(tree.users.county_admin).post(f"{P}{honour.pk}/revoke/", {"reason": "材料不实"}, format="json")
    assert (response.status_code, response.json()["revoked"],
            login(tree.users.member).get(P).json()["results"]) == (200, True, [])


def test_commend_returns_the_honours_it_gave(tree, login):
    selection = final_selection(tree, nominees=[tree.b1, tree.t1])
    response = login(tree.users.county_admin).post(f"{P}commend/", {"selection": selection.pk,
                                                                    "citation": "成绩突出"}, format="json")
    selection.refresh_from_db()
    assert (response.status_code, [h["organization"] for h in response.json()], selection.state) == (
        201, ["T1B1", "T1"], SelectionState.COMMENDED)


def test_commend_refuses_a_selection_not_final(tree, login):
    selection = final_selection(tree, state=SelectionState.NOTICE)
    response = login(tree.users.county_admin).post(f"{P}commend/", {"selection": selection.pk}, format="json")
    assert (response.status_code, sorted(response.json()), Honour.objects.count()) == (400, ["selection"], 0)


def test_commend_is_forbidden_to_an_organisation_admin(tree, login):
    selection = final_selection(tree)
    response = login(tree.users.org_admin).post(f"{P}commend/", {"selection": selection.pk}, format="json")
    assert (response.status_code, Honour.objects.count()) == (403, 0)


def test_commend_numbers_continue_the_year_of_the_campaign(tree, login):
    _add(tree, tree.t2, year=YEAR)
    selection = final_selection(tree)
    body = login(tree.users.county_admin).post(f"{P}commend/", {"selection": selection.pk}, format="json").json()
    assert [h["certificate_no"] for h in body] == [f"{YEAR}-RFB{selection.kind_id}-0002"]
