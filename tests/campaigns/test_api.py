"""/api/v1/campaigns/: reads for every signed-in user, writes for county admins through the
domain functions. Statuses by role are in tests/visibility/campaigns.py."""
import datetime

import pytest

from pacesetter.campaigns import domain
from pacesetter.campaigns.models import Campaign
from pacesetter.core.models import AuditEntry

URL = "/api/v1/campaigns/"
NEW = {"name": "2027年创先争优活动", "year": 2027, "starts_on": "2027-03-01", "ends_on": "2027-12-31",
       "pledges_due": "2027-04-30"}


def make(name="2026年创先争优活动", year=2026):
    return domain.create_campaign(by=None, name=name, year=year, starts_on=datetime.date(year, 3, 1),
                                  ends_on=datetime.date(year, 12, 31))


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(tree, login, django_assert_num_queries, n):
    for i in range(n):
        make(name=f"活动{i}", year=2020 + i)
    client = login(tree.users.member)
    # session, user, count, page
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert len(response.json()["results"]) == n


def test_list_reads_the_fields(tree, login):
    campaign = make()
    [row] = login(tree.users.nobody).get(URL).json()["results"]
    assert row == {
        "id": campaign.pk, "name": "2026年创先争优活动", "year": 2026, "starts_on": "2026-03-01",
        "ends_on": "2026-12-31", "pledges_due": None, "status": "planned",
        "created_at": row["created_at"], "url": f"http://testserver{URL}{campaign.pk}/",
    }


def test_list_filters_by_status_and_year(tree, login):
    domain.set_campaign_status(make(name="甲", year=2026), status="active", by=None)
    make(name="乙", year=2026)
    make(name="丙", year=2025)
    response = login(tree.users.member).get(URL, {"status": "planned", "year": 2026})
    assert [c["name"] for c in response.json()["results"]] == ["乙"]


def test_create_goes_through_the_domain(tree, login):
    response = login(tree.users.county_admin).post(URL, NEW, format="json")
    campaign = Campaign.objects.get()
    assert (response.status_code, response.json()["status"], response["Location"], AuditEntry.objects.filter(
        action="campaign.create").count()) == (201, "planned", f"http://testserver{URL}{campaign.pk}/", 1)


def test_create_with_status_ignores_it(tree, login):
    """Status is read-only: a new campaign is planned; the status action moves it."""
    response = login(tree.users.county_admin).post(URL, {**NEW, "status": "active"}, format="json")
    assert response.json()["status"] == "planned"


def test_create_with_bad_dates_names_the_field(tree, login):
    response = login(tree.users.county_admin).post(URL, {**NEW, "pledges_due": "2028-01-01"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"pledges_due": ["Commitments must be due within the campaign (2027-03-01 to 2027-12-31)."]}
    )


def test_create_without_fields_is_refused(tree, login):
    response = login(tree.users.county_admin).post(URL, {}, format="json")
    assert (response.status_code, sorted(response.json())) == (400, ["ends_on", "name", "starts_on", "year"])


def test_create_by_org_admin_is_forbidden(tree, login):
    response = login(tree.users.org_admin).post(URL, NEW, format="json")
    assert (response.status_code, Campaign.objects.count()) == (403, 0)


def test_change_goes_through_the_domain(tree, login):
    campaign = make()
    response = login(tree.users.county_admin).patch(f"{URL}{campaign.pk}/", {"ends_on": "2026-11-30"}, format="json")
    assert (response.status_code, response.json()["ends_on"], AuditEntry.objects.filter(
        action="campaign.update").count()) == (200, "2026-11-30", 1)


def test_change_that_breaks_the_dates_is_refused(tree, login):
    campaign = make()
    response = login(tree.users.county_admin).patch(f"{URL}{campaign.pk}/", {"ends_on": "2026-01-01"}, format="json")
    assert (response.status_code, response.json()) == (
        400, {"ends_on": ["The campaign cannot end before it starts (2026-03-01)."]}
    )


def test_status_action_moves_the_campaign(tree, login):
    campaign = make()
    response = login(tree.users.county_admin).post(f"{URL}{campaign.pk}/status/", {"status": "active"}, format="json")
    assert (response.status_code, response.json()["status"], Campaign.objects.get().status) == (200, "active", "active")


def test_status_action_refusal_is_a_400_naming_status(tree, login):
    campaign = make()
    response = login(tree.users.county_admin).post(f"{URL}{campaign.pk}/status/", {"status": "planned"}, format="json")
    assert (response.status_code, response.json()) == (400, {"status": ["“2026年创先争优活动” is already planned."]})


def test_status_action_without_status_is_a_400(tree, login):
    campaign = make()
    response = login(tree.users.county_admin).post(f"{URL}{campaign.pk}/status/", {}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["status"])


def test_no_delete(tree, login):
    campaign = make()
    response = login(tree.users.county_admin).delete(f"{URL}{campaign.pk}/")
    assert (response.status_code, Campaign.objects.count()) == (405, 1)
