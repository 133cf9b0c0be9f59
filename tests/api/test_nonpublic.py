"""The /api/v1/nonpublic-… endpoints: constant query counts, refusals under their field,
status changes and the coverage figures."""
import pytest
from django.utils import timezone, translation
from rest_framework.test import APIClient

from pacesetter.nonpublic import domain
from pacesetter.nonpublic.enums import PartyStatus
from tests.nonpublic.world import code, entity, world

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("count", [1, 3])
def test_entity_list_queries_do_not_grow(tree, django_assert_num_queries, count):
    for n in range(count):
        entity(tree, n + 1, status=PartyStatus.OWN, covering=tree.b1, instructor=None)
    client = _client(tree.users.county_admin)
    with django_assert_num_queries(2):
        response = client.get(f"{API}/nonpublic-entities/")
    assert response.data["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_plan_list_queries_do_not_grow(tree, django_assert_num_queries, count):
    for n in range(count):
        domain.create_plan(entity(tree, n + 1), by=tree.users.county_admin, target_date=timezone.localdate(),
                           instructor=tree.m1, steps="走访")
    client = _client(tree.users.county_admin)
    with django_assert_num_queries(2):
        response = client.get(f"{API}/nonpublic-plans/")
    assert response.data["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_check_list_queries_do_not_grow(tree, django_assert_num_queries, count):
    from pacesetter.nonpublic.models import ChecklistItem

    entity(tree, 1, status=PartyStatus.OWN, covering=tree.b1)
    for item in ChecklistItem.objects.order_by("order")[:count]:
        domain.record_check(tree.b1, item, by=tree.users.county_admin, met=True)
    client = _client(tree.users.county_admin)
    with django_assert_num_queries(2):
        response = client.get(f"{API}/nonpublic-checks/")
    assert response.data["count"] == count


def test_register_refuses_a_bad_code_under_its_field(tree):
    with translation.override("en"):
        response = _client(tree.users.county_admin).post(f"{API}/nonpublic-entities/", {
            "entity_kind": "enterprise", "name": "甲", "credit_code": "9134112", "industry_section": "C",
            "township": "T1", "employees": 3, "party_members": 0}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.data) == (400, {"credit_code": [
        "A unified social credit code has 18 characters; this has 7."]})


def test_status_action_records_the_change(tree):
    made = world(tree)
    response = _client(tree.users.org_admin).post(f"{API}/nonpublic-entities/{made.e_in.pk}/status/", {
        "party_status": "joint", "covering": "T1B1", "on": timezone.localdate().isoformat()}, format="json")
    assert (response.status_code, response.data["party_status"], response.data["covering"]) == (200, "joint", "T1B1")


def test_coverage_endpoint_figures(tree):
    world(tree)
    response = _client(tree.users.org_admin).get(f"{API}/nonpublic-coverage/")
    assert (response.data["total"]["entities"], response.data["total"]["covered"],
            [(r["label"], r["entities"]) for r in response.data["townships"]], len(response.data["months"])) == (
        2, 1, [("一号镇", 1), ("二号镇", 1)], 12)


def test_entity_filter_by_township_code(tree):
    world(tree)
    response = _client(tree.users.county_admin).get(f"{API}/nonpublic-entities/?township=T2&party_status=own")
    assert [row["credit_code"] for row in response.data["results"]] == [code(2)]
