"""/api/v1/ nominations and honour kinds for affiliate units (Youth League, union, women's
federation collectives)."""
from pacesetter.linkage.enums import AffiliateKind
from pacesetter.selections.enums import NomineeKind
from tests.linkage.world import make_unit
from tests.selections.world import kind, make_selection

A = "/api/v1"


def _affiliate_selection(tree):
    return make_selection(tree, honour=kind("linkage_collective", "党建带群建先进集体", NomineeKind.AFFILIATE))


def test_nominate_an_affiliate_unit(tree, login):
    make_unit(tree, tree.b1, code="U1", kind=AffiliateKind.TRADE_UNION, name="一号村工会")
    selection = _affiliate_selection(tree)
    response = login(tree.users.branch_admin).post(f"{A}/nominations/", {
        "selection": selection.pk, "affiliate_unit_code": "U1", "statement": "职工之家"}, format="json")
    body = response.json()
    assert (response.status_code, body["affiliate_unit_code"], body["affiliate_unit_name"],
            body["organization_code"], body["record"]["affiliate_unit"]["kind"]) == (
        201, "U1", "一号村工会", "T1B1", "trade_union")


def test_nominate_a_unit_outside_the_view_is_a_400_on_its_code(tree, login):
    make_unit(tree, tree.b2, code="U2", kind=AffiliateKind.TRADE_UNION, name="二号村工会")
    selection = _affiliate_selection(tree)
    response = login(tree.users.branch_admin).post(f"{A}/nominations/", {
        "selection": selection.pk, "affiliate_unit_code": "U2", "statement": "职工之家"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"affiliate_unit_code": ["No such affiliate unit in your view."]})


def test_add_an_honour_kind_for_youth_league_units(tree, login):
    response = login(tree.users.county_admin).post(f"{A}/honour-kinds/", {
        "name": "五四红旗团组织", "given_to": "affiliate", "affiliate_kind": "youth_league"}, format="json")
    body = response.json()
    assert (response.status_code, body["given_to"], body["affiliate_kind"]) == (201, "affiliate", "youth_league")
