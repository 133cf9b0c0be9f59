"""Honours of affiliate units: commended from a selection, shown on the certificate, the
roll (with its "given to" filter), the API and the unit's linkage page."""
import pytest
from django.conf import settings

from pacesetter.core.errors import DomainError
from pacesetter.honours import domain
from pacesetter.honours.models import Honour
from pacesetter.linkage.enums import AffiliateKind
from pacesetter.selections.enums import NominationStatus, NomineeKind, SelectionState
from pacesetter.selections.models import Nomination, Selection
from tests.linkage.world import make_unit

from .helpers import campaign, kind

pytestmark = pytest.mark.django_db


def unit_kind():
    return kind("linkage_collective", "党建带群建先进集体", NomineeKind.AFFILIATE, 6)


def unit_selection(tree, units) -> Selection:
    """A final selection of affiliate units with `units` confirmed."""
    by = tree.users.county_admin
    selection = Selection.objects.create(campaign=campaign(), kind=unit_kind(), title="党建带群建先进集体评选",
                                         state=SelectionState.FINAL, nominations_close_on="2026-01-01", created_by=by)
    for rank, unit in enumerate(units, start=1):
        Nomination.objects.create(selection=selection, organization=unit.organization, affiliate_unit=unit,
                                  nominated_by=tree.t1, statement="事迹材料", status=NominationStatus.CONFIRMED,
                                  rank=rank, created_by=by)
    return selection


@pytest.fixture
def union(tree):
    return make_unit(tree, tree.b1, code="U1", kind=AffiliateKind.TRADE_UNION, name="一号村工会")


def test_commend_gives_the_honour_to_the_unit(tree, union):
    [honour] = domain.commend(unit_selection(tree, [union]), by=tree.users.county_admin)
    assert (honour.affiliate_unit, honour.affiliate_unit_name, honour.organization, honour.member,
            honour.recipient_name) == (union, "一号村工会", tree.b1, None, "一号村工会")


def test_add_honour_by_hand_for_a_unit_files_it_under_its_organisation(tree, union):
    honour = domain.add_honour(by=tree.users.county_admin, kind=unit_kind(), year=2024, affiliate_unit=union)
    assert (honour.organization, honour.affiliate_unit_name, honour.township) == (tree.b1, "一号村工会", "一号镇")


def test_add_honour_by_hand_of_an_affiliate_kind_needs_the_unit(tree):
    with pytest.raises(DomainError) as refused:
        domain.add_honour(by=tree.users.county_admin, kind=unit_kind(), year=2024, organization=tree.b1)
    assert refused.value.code == "affiliate_unit_required"


def test_certificate_is_addressed_to_the_unit(client, tree, union):
    [honour] = domain.commend(unit_selection(tree, [union]), by=tree.users.county_admin)
    client.force_login(tree.users.county_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(f"/honours/h/{honour.pk}/certificate/").content.decode()
    assert ("一号村工会:" in body, "一号村党支部:" in body) == (True, False)


def test_roll_filters_to_honours_of_affiliate_units(client, tree, union):
    [honour] = domain.commend(unit_selection(tree, [union]), by=tree.users.county_admin)
    domain.add_honour(by=tree.users.county_admin, kind=kind(), year=2024, organization=tree.b1)
    response = client.get("/honours/", {"given_to": "affiliate"})
    assert [h.certificate_no for h in response.context["page"].object_list] == [honour.certificate_no]


@pytest.mark.parametrize("n", [1, 3])
def test_roll_query_count_with_affiliate_honours(client, tree, django_assert_num_queries, n):
    units = [make_unit(tree, tree.b1, code=f"Y{i}", name=f"团支部{i}") for i in range(n)]
    domain.commend(unit_selection(tree, units), by=tree.users.county_admin)
    with django_assert_num_queries(8):  # +1: the public page's rate-limit count (core.public_limits)
        response = client.get("/honours/", {"given_to": "affiliate"})
    assert len(response.context["page"].object_list) == n


def test_the_units_linkage_page_lists_its_county_honours(client, tree, union):
    [honour] = domain.commend(unit_selection(tree, [union]), by=tree.users.county_admin)
    client.force_login(tree.users.affiliate)
    response = client.get(f"/linkage/units/{union.pk}/")
    assert response.context["county_honours"] == [honour]


def test_api_lists_affiliate_honours_with_their_unit(client, tree, union):
    [honour] = domain.commend(unit_selection(tree, [union]), by=tree.users.county_admin)
    domain.add_honour(by=tree.users.county_admin, kind=kind(), year=2024, organization=tree.b1)
    client.force_login(tree.users.county_admin)
    body = client.get("/api/v1/honours/", {"given_to": "affiliate"}).json()
    assert [(h["certificate_no"], h["affiliate_unit"], h["affiliate_unit_name"]) for h in body["results"]] == [
        (honour.certificate_no, "U1", "一号村工会")]


def test_add_page_enters_a_units_honour_by_its_code(client, tree, union):
    client.force_login(tree.users.county_admin)
    response = client.post("/honours/manage/add/", {"kind": unit_kind().pk, "year": "2022", "organization": "T1B1",
                                                    "affiliate_unit": "U1"})
    honour = Honour.objects.get()
    assert (response.status_code, honour.affiliate_unit, honour.affiliate_unit_name) == (302, union, "一号村工会")


def test_add_page_refuses_a_unit_linked_elsewhere(client, tree, union):
    client.force_login(tree.users.county_admin)
    response = client.post("/honours/manage/add/", {"kind": unit_kind().pk, "year": "2022", "organization": "T2B1",
                                                    "affiliate_unit": "U1"})
    assert (response.status_code, list(response.context["form"].errors), Honour.objects.count()) == (
        200, ["affiliate_unit"], 0)
