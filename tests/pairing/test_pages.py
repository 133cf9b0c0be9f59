import datetime

import pytest
from django.utils import translation

from pacesetter.pairing.domain import create_pairing, log_help
from pacesetter.pairing.enums import PairingKind
from pacesetter.pairing.models import HelpLog

JUNE = datetime.date(2024, 6, 1)


def _pairings(tree, world, n):
    helped = [tree.b1, tree.b2, world.v3]
    return [create_pairing(kind=PairingKind.URBAN_RURAL, goals="帮扶", starts_on=JUNE, helpers=[world.ag],
                           helped=[helped[i]], by=tree.users.county_admin) for i in range(n)]


@pytest.mark.parametrize("n", [1, 3])
def test_pairing_list_queries_do_not_grow(client, tree, world, n, django_assert_num_queries):
    _pairings(tree, world, n)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(8):
        response = client.get("/pairings/")
    assert len(response.context["page"].object_list) == n


def test_pairing_list_filters_by_township(client, tree, world):
    _pairings(tree, world, 3)
    client.force_login(tree.users.county_admin)
    response = client.get("/pairings/?township=二号镇")
    assert [p.parties.all()[0].organization.code for p in response.context["page"].object_list] == ["T2B1"]


def test_pairing_detail_shows_parties_and_logs(client, tree, world):
    [pairing] = _pairings(tree, world, 1)
    log_help(pairing, date=datetime.date(2024, 7, 2), activity="送医送药下乡", people=4, by=tree.users.county_admin)
    client.force_login(tree.users.county_admin)
    with translation.override("en"):
        response = client.get(f"/pairings/{pairing.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert ("送医送药下乡" in body, "县委办党支部" in body, response.context["can_log"]) == (True, True, True)


def test_logging_a_visit_through_the_page(client, tree, world):
    [pairing] = _pairings(tree, world, 1)
    client.force_login(tree.users.county_admin)
    response = client.post(f"/pairings/{pairing.pk}/", {"date": "2024-08-01", "activity": "座谈交流", "people": "6",
                                                         "money": "300", "goods": "书籍"})
    assert (response.status_code, list(HelpLog.objects.values_list("activity", "people"))) == (
        302, [("座谈交流", 6)])


def test_log_outside_the_period_shows_the_error(client, tree, world):
    [pairing] = _pairings(tree, world, 1)
    client.force_login(tree.users.county_admin)
    response = client.post(f"/pairings/{pairing.pk}/", {"date": "2024-01-01", "activity": "座谈", "people": "1",
                                                         "money": "0"})
    assert (response.status_code, HelpLog.objects.count()) == (400, 0)
