"""Campaign writes: county admins only, dates that fit together, status moves, audit entries."""
import datetime

import pytest
from django.utils import translation

from pacesetter.campaigns import domain
from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.campaigns.queries import campaigns_visible_to, current_campaign
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry

D = datetime.date
FIELDS = {"name": "2026年创先争优活动", "year": 2026, "starts_on": D(2026, 3, 1), "ends_on": D(2026, 12, 31),
          "pledges_due": D(2026, 4, 30)}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def make(by=None, **fields):
    return domain.create_campaign(by=by, **{**FIELDS, **fields})


def campaign_entries():
    return AuditEntry.objects.filter(action__startswith="campaign.").order_by("id")


def errors(exc: DomainError) -> dict:
    return {field: [str(m) for e in errs for m in e.messages] for field, errs in exc.error_dict.items()}


def refused(fn, *args, **kwargs) -> dict:
    with pytest.raises(DomainError) as caught:
        fn(*args, **kwargs)
    return errors(caught.value)


# --- Create ---------------------------------------------------------------------------------


def test_county_admin_creates_a_planned_campaign(tree):
    campaign = make(by=tree.users.county_admin)
    assert (campaign.name, campaign.status, Campaign.objects.count()) == ("2026年创先争优活动", "planned", 1)


def test_create_is_audited(tree):
    campaign = make(by=tree.users.county_admin)
    entry = campaign_entries().get()
    assert (entry.action, entry.actor_name, entry.object_id, entry.after) == (
        "campaign.create", "county", str(campaign.pk),
        {"name": "2026年创先争优活动", "year": 2026, "starts_on": "2026-03-01", "ends_on": "2026-12-31",
         "pledges_due": "2026-04-30", "status": "planned"},
    )


@pytest.mark.parametrize("role", ["org_admin", "branch_admin", "leader", "inspector", "member", "affiliate", "nobody"])
def test_others_may_not_create(tree, role):
    with pytest.raises(PermissionDeniedError):
        make(by=getattr(tree.users, role))
    assert (Campaign.objects.count(), campaign_entries().count()) == (0, 0)


def test_superuser_may_create(db):
    from tests.factories import UserFactory

    assert make(by=UserFactory(is_superuser=True)).pk is not None


def test_ends_before_it_starts_is_refused(db):
    assert refused(make, ends_on=D(2026, 2, 1)) == {
        "ends_on": ["The campaign cannot end before it starts (2026-03-01)."]
    }


def test_same_start_and_end_day_is_accepted(db):
    assert make(ends_on=D(2026, 3, 1), pledges_due=None).ends_on == D(2026, 3, 1)


@pytest.mark.parametrize("due", [D(2026, 2, 28), D(2027, 1, 1)])
def test_pledges_due_outside_the_campaign_is_refused(db, due):
    assert refused(make, pledges_due=due) == {
        "pledges_due": ["Commitments must be due within the campaign (2026-03-01 to 2026-12-31)."]
    }


@pytest.mark.parametrize("due", [D(2026, 3, 1), D(2026, 12, 31), None])
def test_pledges_due_on_the_edges_or_none_is_accepted(db, due):
    assert make(pledges_due=due).pledges_due == due


@pytest.mark.parametrize("year", [1999, 2101])
def test_year_out_of_range_is_refused(db, year):
    assert refused(make, year=year) == {"year": ["The year must lie between 2000 and 2100."]}


def test_blank_name_is_refused(db):
    assert list(refused(make, name="   ")) == ["name"]


def test_name_too_long_is_refused(db):
    assert list(refused(make, name="长" * 101)) == ["name"]


def test_missing_dates_are_refused(db):
    assert sorted(refused(make, starts_on=None, ends_on=None)) == ["ends_on", "starts_on"]


def test_name_whitespace_is_folded(db):
    assert make(name="  2026年  创先争优 ").name == "2026年 创先争优"


def test_unknown_field_is_a_programming_error(db):
    with pytest.raises(TypeError):
        make(status=CampaignStatus.ACTIVE)


def test_refused_create_writes_nothing(db):
    refused(make, ends_on=D(2026, 1, 1))
    assert (Campaign.objects.count(), campaign_entries().count()) == (0, 0)


# --- Update ---------------------------------------------------------------------------------


def test_update_changes_the_fields_and_audits_before_and_after(tree):
    campaign = make()
    domain.update_campaign(campaign, by=tree.users.county_admin, name="改名", ends_on=D(2026, 11, 30))
    entry = campaign_entries().last()
    assert (Campaign.objects.get().name, entry.action, entry.before, entry.after) == (
        "改名", "campaign.update",
        {"name": "2026年创先争优活动", "ends_on": "2026-12-31"}, {"name": "改名", "ends_on": "2026-11-30"},
    )


def test_update_without_change_writes_no_audit_entry(tree):
    campaign = make()
    domain.update_campaign(campaign, by=tree.users.county_admin, name=campaign.name)
    assert campaign_entries().count() == 1


def test_update_checks_the_dates_together(tree):
    campaign = make()
    assert refused(domain.update_campaign, campaign, by=tree.users.county_admin, starts_on=D(2026, 5, 1)) == {
        "pledges_due": ["Commitments must be due within the campaign (2026-05-01 to 2026-12-31)."]
    }
    assert Campaign.objects.get().starts_on == D(2026, 3, 1)


def test_update_by_org_admin_is_refused(tree):
    campaign = make()
    with pytest.raises(PermissionDeniedError):
        domain.update_campaign(campaign, by=tree.users.org_admin, name="改名")


def test_closed_campaign_cannot_change(tree):
    campaign = make()
    domain.set_campaign_status(campaign, status=CampaignStatus.CLOSED, by=None)
    with pytest.raises(DomainError) as caught:
        domain.update_campaign(campaign, by=tree.users.county_admin, name="改名")
    assert caught.value.messages == ["“2026年创先争优活动” is closed and can no longer change; reopen it first."]


# --- Status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "path", "end"), [
    ("planned", [], "planned"),
    ("planned", ["active"], "active"),
    ("planned", ["closed"], "closed"),
    ("planned", ["active", "closed"], "closed"),
    ("planned", ["active", "planned"], "planned"),
    ("planned", ["active", "closed", "active"], "active"),
])
def test_status_moves(tree, start, path, end):
    campaign = make()
    for status in path:
        campaign = domain.set_campaign_status(campaign, status=status, by=tree.users.county_admin)
    assert Campaign.objects.get().status == end


def test_closed_cannot_go_back_to_planned(tree):
    campaign = make()
    domain.set_campaign_status(campaign, status="closed", by=None)
    assert refused(domain.set_campaign_status, campaign, status="planned", by=tree.users.county_admin) == {
        "status": ["A campaign that is closed cannot become planned."]
    }


def test_same_status_is_refused(tree):
    campaign = make()
    assert refused(domain.set_campaign_status, campaign, status="planned", by=tree.users.county_admin) == {
        "status": ["“2026年创先争优活动” is already planned."]
    }


def test_unknown_status_is_refused(tree):
    assert refused(domain.set_campaign_status, make(), status="paused", by=None) == {
        "status": ["Unknown status: paused."]
    }


def test_status_change_is_audited(tree):
    campaign = make()
    domain.set_campaign_status(campaign, status="active", by=tree.users.county_admin)
    entry = campaign_entries().last()
    assert (entry.action, entry.before, entry.after) == ("campaign.status", {"status": "planned"}, {"status": "active"})


def test_status_change_by_inspector_is_refused(tree):
    with pytest.raises(PermissionDeniedError):
        domain.set_campaign_status(make(), status="active", by=tree.users.inspector)


# --- Queries --------------------------------------------------------------------------------


def test_every_signed_in_user_sees_every_campaign(tree):
    make()
    make(name="专项活动")
    assert [campaigns_visible_to(u).count() for u in vars(tree.users).values()] == [2] * 8


def test_anonymous_sees_no_campaign(db):
    from django.contrib.auth.models import AnonymousUser

    make()
    assert list(campaigns_visible_to(AnonymousUser())) == []


def test_current_campaign_is_the_active_one_that_started_last(db):
    older = make(name="年度活动")
    newer = make(name="专项活动", starts_on=D(2026, 6, 1), pledges_due=None)
    make(name="计划中", starts_on=D(2026, 9, 1), pledges_due=None)
    for campaign in (older, newer):
        domain.set_campaign_status(campaign, status="active", by=None)
    assert current_campaign() == newer


def test_current_campaign_is_none_when_none_is_under_way(db):
    domain.set_campaign_status(make(), status="closed", by=None)
    assert current_campaign() is None
