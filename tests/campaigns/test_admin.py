"""Campaigns in the admin: county admins only, saves through the domain functions, refusals
shown on the form (never a 500), nothing deleted."""
import datetime

import pytest
from django.urls import reverse

from pacesetter.campaigns import domain
from pacesetter.campaigns.models import Campaign
from pacesetter.core.models import AuditEntry

FORM = {"name": "2026年创先争优活动", "year": "2026", "starts_on": "2026-03-01", "ends_on": "2026-12-31",
        "pledges_due": "", "status": "planned"}


@pytest.fixture
def admin_client(tree, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(tree.users.county_admin)
    return client


def make():
    return domain.create_campaign(by=None, name="2026年创先争优活动", year=2026,
                                  starts_on=datetime.date(2026, 3, 1), ends_on=datetime.date(2026, 12, 31))


def actions():
    return list(AuditEntry.objects.filter(action__startswith="campaign.").order_by("id").values_list("action", flat=True))


def test_county_admin_opens_the_changelist(admin_client):
    make()
    assert admin_client.get(reverse("admin:campaigns_campaign_changelist")).status_code == 200


def test_staff_org_admin_is_refused(tree, client):
    tree.users.org_admin.is_staff = True
    tree.users.org_admin.save(update_fields=["is_staff"])
    client.force_login(tree.users.org_admin)
    assert client.get(reverse("admin:campaigns_campaign_changelist")).status_code == 403


def test_adding_goes_through_the_domain(admin_client):
    response = admin_client.post(reverse("admin:campaigns_campaign_add"), {**FORM, "status": "active"})
    assert (response.status_code, Campaign.objects.get().status, actions()) == (302, "planned", ["campaign.create"])


def test_adding_with_bad_dates_is_a_form_error(admin_client):
    response = admin_client.post(reverse("admin:campaigns_campaign_add"), {**FORM, "pledges_due": "2027-01-01"})
    assert (response.status_code, response.context["adminform"].form.errors["pledges_due"]) == (
        200, ["Commitments must be due within the campaign (2026-03-01 to 2026-12-31)."]
    )


def test_changing_fields_and_status_goes_through_the_domain(admin_client):
    campaign = make()
    data = {**FORM, "name": "改名", "status": "active"}
    response = admin_client.post(reverse("admin:campaigns_campaign_change", args=[campaign.pk]), data)
    campaign.refresh_from_db()
    assert (response.status_code, campaign.name, campaign.status, actions()) == (
        302, "改名", "active", ["campaign.create", "campaign.update", "campaign.status"]
    )


def test_reopening_and_changing_a_closed_campaign(admin_client):
    campaign = make()
    domain.set_campaign_status(campaign, status="closed", by=None)
    data = {**FORM, "name": "改名", "status": "active"}
    admin_client.post(reverse("admin:campaigns_campaign_change", args=[campaign.pk]), data)
    campaign.refresh_from_db()
    assert (campaign.name, campaign.status, actions()[-2:]) == ("改名", "active", ["campaign.status", "campaign.update"])


def test_changing_a_closed_campaign_without_reopening_is_a_form_error(admin_client):
    campaign = make()
    domain.set_campaign_status(campaign, status="closed", by=None)
    data = {**FORM, "name": "改名", "status": "closed"}
    response = admin_client.post(reverse("admin:campaigns_campaign_change", args=[campaign.pk]), data)
    assert (response.status_code, response.context["adminform"].form.non_field_errors()) == (
        200, ["“2026年创先争优活动” is closed and can no longer change; reopen it first."]
    )


def test_a_status_move_not_allowed_is_a_form_error(admin_client):
    campaign = make()
    domain.set_campaign_status(campaign, status="closed", by=None)
    data = {**FORM, "status": "planned"}
    response = admin_client.post(reverse("admin:campaigns_campaign_change", args=[campaign.pk]), data)
    assert response.context["adminform"].form.errors["status"] == ["A campaign that is closed cannot become planned."]


def test_campaigns_cannot_be_deleted(admin_client):
    campaign = make()
    response = admin_client.get(reverse("admin:campaigns_campaign_delete", args=[campaign.pk]))
    assert (response.status_code, Campaign.objects.count()) == (403, 1)
