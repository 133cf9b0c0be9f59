"""Campaign pages: the list with its filter, one campaign, the form and the status buttons.
Who may reach each page is in tests/visibility/campaigns.py."""
import datetime

import pytest
from django.urls import reverse

from pacesetter.campaigns import domain
from pacesetter.campaigns.models import Campaign
from pacesetter.core.models import AuditEntry

D = datetime.date


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def make(name="2026年创先争优活动", year=2026, **fields):
    dates = {"starts_on": D(year, 3, 1), "ends_on": D(year, 12, 31), **fields}
    return domain.create_campaign(by=None, name=name, year=year, **dates)


def names(response) -> list[str]:
    return [c.name for c in response.context["page"].object_list]


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(tree, client, django_assert_num_queries, n):
    for i in range(n):
        make(name=f"活动{i}", year=2020 + i)
    client.force_login(tree.users.member)
    # session, user, roles, count, the page's campaigns, the current campaign, the unread badge
    with django_assert_num_queries(7):
        response = client.get(reverse("campaigns:campaign-list"))
    assert len(names(response)) == n


def test_list_is_newest_first(tree, client):
    for year in (2024, 2026, 2025):
        make(name=f"{year}年", year=year)
    client.force_login(tree.users.member)
    assert names(client.get(reverse("campaigns:campaign-list"))) == ["2026年", "2025年", "2024年"]


def test_list_filters_by_status_year_and_name(tree, client):
    domain.set_campaign_status(make(name="2026年专项", year=2026), status="active", by=None)
    make(name="2026年年度", year=2026)
    make(name="2025年专项", year=2025)
    client.force_login(tree.users.member)
    response = client.get(reverse("campaigns:campaign-list"), {"status": "planned", "year": "2026", "q": "年度"})
    assert names(response) == ["2026年年度"]


def test_list_with_an_invalid_filter_is_empty(tree, client):
    make()
    client.force_login(tree.users.member)
    assert names(client.get(reverse("campaigns:campaign-list"), {"year": "abc"})) == []


def test_list_is_paginated(tree, client):
    for i in range(26):
        make(name=f"活动{i:02d}", year=2000 + i)
    client.force_login(tree.users.member)
    response = client.get(reverse("campaigns:campaign-list"), {"page": "2"})
    assert names(response) == ["活动00"]


def test_list_names_the_campaign_under_way(tree, client):
    domain.set_campaign_status(make(), status="active", by=None)
    client.force_login(tree.users.member)
    assert "Under way now: 2026年创先争优活动." in client.get(reverse("campaigns:campaign-list")).content.decode()


def test_new_campaign_button_only_for_county_admins(tree, client):
    url = reverse("campaigns:campaign-create")
    seen = []
    for user in (tree.users.county_admin, tree.users.org_admin):
        client.force_login(user)
        seen.append(url in client.get(reverse("campaigns:campaign-list")).content.decode())
    assert seen == [True, False]


def test_detail_shows_dates_and_status_buttons(tree, client):
    campaign = make(pledges_due=D(2026, 4, 30))
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk]))
    body = response.content.decode()
    assert (response.context["status_actions"], "2026-04-30" in body, "2026-12-31" in body) == (
        [("active", "Set under way"), ("closed", "Call off")], True, True
    )


def test_detail_of_a_closed_campaign_offers_reopening(tree, client):
    campaign = make()
    domain.set_campaign_status(campaign, status="closed", by=None)
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk]))
    assert response.context["status_actions"] == [("active", "Reopen")]


def test_detail_shows_no_buttons_to_a_member(tree, client):
    campaign = make()
    client.force_login(tree.users.member)
    response = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk]))
    assert (response.context["status_actions"], 'id="campaign-actions"' in response.content.decode()) == ([], False)


def test_create_saves_and_goes_to_the_campaign(tree, client):
    client.force_login(tree.users.county_admin)
    data = {"name": "2027年创先争优活动", "year": "2027", "starts_on": "2027-03-01", "ends_on": "2027-12-31",
            "pledges_due": "2027-04-30"}
    response = client.post(reverse("campaigns:campaign-create"), data)
    campaign = Campaign.objects.get()
    assert (response.status_code, response["Location"], campaign.pledges_due, campaign.status) == (
        302, reverse("campaigns:campaign-detail", args=[campaign.pk]), D(2027, 4, 30), "planned"
    )


def test_create_with_dates_out_of_order_shows_the_error_on_the_field(tree, client):
    client.force_login(tree.users.county_admin)
    data = {"name": "2027年", "year": "2027", "starts_on": "2027-03-01", "ends_on": "2027-01-01"}
    response = client.post(reverse("campaigns:campaign-create"), data)
    assert (response.status_code, response.context["form"].errors, Campaign.objects.count()) == (
        200, {"ends_on": ["The campaign cannot end before it starts (2027-03-01)."]}, 0
    )


def test_create_with_a_bad_date_shows_the_form_error(tree, client):
    client.force_login(tree.users.county_admin)
    data = {"name": "2027年", "year": "2027", "starts_on": "not a date", "ends_on": "2027-12-31"}
    response = client.post(reverse("campaigns:campaign-create"), data)
    assert (list(response.context["form"].errors), Campaign.objects.count()) == (["starts_on"], 0)


def test_edit_form_is_filled_in(tree, client):
    campaign = make()
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("campaigns:campaign-edit", args=[campaign.pk]))
    assert response.context["form"].initial["starts_on"] == D(2026, 3, 1)


def test_edit_saves_through_the_domain(tree, client):
    campaign = make()
    client.force_login(tree.users.county_admin)
    data = {"name": "改名", "year": "2026", "starts_on": "2026-03-01", "ends_on": "2026-11-30"}
    client.post(reverse("campaigns:campaign-edit", args=[campaign.pk]), data)
    entry = AuditEntry.objects.filter(action="campaign.update").get()
    assert (Campaign.objects.get().name, entry.after) == ("改名", {"name": "改名", "ends_on": "2026-11-30"})


def test_edit_of_a_closed_campaign_shows_why_not(tree, client):
    campaign = make()
    domain.set_campaign_status(campaign, status="closed", by=None)
    client.force_login(tree.users.county_admin)
    data = {"name": "改名", "year": "2026", "starts_on": "2026-03-01", "ends_on": "2026-12-31"}
    response = client.post(reverse("campaigns:campaign-edit", args=[campaign.pk]), data)
    assert response.context["form"].non_field_errors() == [
        "“2026年创先争优活动” is closed and can no longer change; reopen it first."
    ]


def test_status_button_sets_the_campaign_under_way(tree, client):
    campaign = make()
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("campaigns:campaign-status", args=[campaign.pk]), {"status": "active"}, follow=True)
    assert (Campaign.objects.get().status, [str(m) for m in response.context["messages"]]) == (
        "active", ["“2026年创先争优活动” is now under way."]
    )


def test_refused_status_move_is_a_message(tree, client):
    campaign = make()
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("campaigns:campaign-status", args=[campaign.pk]), {"status": "planned"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["“2026年创先争优活动” is already planned."]


def test_status_without_a_choice_is_a_message(tree, client):
    campaign = make()
    client.force_login(tree.users.county_admin)
    response = client.post(reverse("campaigns:campaign-status", args=[campaign.pk]), {"status": "x"}, follow=True)
    assert ([str(m) for m in response.context["messages"]], Campaign.objects.get().status) == (
        ["Choose a status."], "planned"
    )


def test_navbar_links_to_campaigns(tree, client):
    client.force_login(tree.users.member)
    body = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("campaigns:campaign-list")}"' in body
