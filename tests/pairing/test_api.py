import datetime

import pytest

from pacesetter.pairing.domain import create_pairing
from pacesetter.pairing.enums import PairingKind

JUNE = datetime.date(2024, 6, 1)


def _make(tree, world, n):
    helped = [tree.b1, tree.b2, world.v3]
    return [create_pairing(kind=PairingKind.URBAN_RURAL, goals="帮扶", starts_on=JUNE, helpers=[world.ag],
                           helped=[helped[i]], by=tree.users.county_admin) for i in range(n)]


@pytest.mark.parametrize("n", [1, 3])
def test_pairing_list_queries_do_not_grow(client, tree, world, n, django_assert_num_queries):
    _make(tree, world, n)
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(6):
        response = client.get("/api/v1/pairings/")
    assert response.json()["count"] == n


def test_pairing_reads_with_parties(client, tree, world):
    [pairing] = _make(tree, world, 1)
    client.force_login(tree.users.county_admin)
    body = client.get(f"/api/v1/pairings/{pairing.pk}/").json()
    assert (body["pairing_kind"], body["pairing_state"], body["parties"]) == ("urban_rural", "active", [
        {"party_side": "helped", "party_type": "organization", "name": "一号村党支部", "organization_code": "T1B1"},
        {"party_side": "helper", "party_type": "organization", "name": "县委办党支部", "organization_code": "AG"},
    ])


def test_pairing_list_filters_by_state(client, tree, world):
    _make(tree, world, 2)
    client.force_login(tree.users.county_admin)
    assert client.get("/api/v1/pairings/?pairing_state=ended").json()["count"] == 0


def test_pairing_is_read_only(client, tree, world):
    [pairing] = _make(tree, world, 1)
    client.force_login(tree.users.county_admin)
    assert client.delete(f"/api/v1/pairings/{pairing.pk}/").status_code == 405
