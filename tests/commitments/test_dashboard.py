"""The dashboard's figures (commitments/dashboard.py): fulfilment by township, sector and
kind of pledge, deliveries per month and the overdue list, each inside the user's view.

The world (tests/visibility/_commitments_api_world.py): T1B1 (一号镇) has a published
pledge with an overdue, an on-track and a delivered item; T2B1 (二号镇) one with an overdue
item; T1's draft and M1's submitted pledge promise nothing in public yet.
"""
import datetime

import pytest
from django.utils import timezone, translation

from pacesetter.campaigns.models import Campaign
from pacesetter.commitments import dashboard, domain
from pacesetter.commitments.enums import CommitmentStatus, Outcome
from pacesetter.commitments.models import CommitmentItem
from pacesetter.commitments.sources import fulfilment_rates
from pacesetter.orgs.enums import Sector

from ..factories import make_org
from ..visibility._commitments_api_world import fields, pledge, world


@pytest.fixture
def figures(tree):
    """(campaign, today)."""
    return Campaign.objects.get(pk=world(tree)["campaign"]), timezone.localdate()


def items(user, campaign):
    return dashboard.published_items(user, campaign)


def row(f: dashboard.Figures) -> tuple:
    return (f.key, f.pledges, f.items, f.delivered, f.not_delivered, f.overdue, f.on_track, f.rated, f.rate)


def test_by_township_counts_published_items_of_the_county(tree, figures):
    campaign, day = figures
    rows = dashboard.by_township(items(tree.users.county_admin, campaign), day)
    assert [row(r) for r in rows] == [
        ("一号镇", 1, 3, 1, 0, 1, 1, 2, 0.5),
        ("二号镇", 1, 1, 0, 0, 1, 0, 1, 0.0),
    ]


def test_by_township_of_a_township_admin_holds_only_their_township(tree, figures):
    campaign, day = figures
    rows = dashboard.by_township(items(tree.users.org_admin, campaign), day)
    assert [r.key for r in rows] == ["一号镇"]


def test_by_township_puts_organisations_without_a_township_last(tree, figures):
    campaign, day = figures
    lone = make_org(tree.county, code="NOTOWN", name="县直机关支部")
    pledge(campaign, by=tree.users.county_admin, reviewer=tree.users.county_admin, org=lone,
           items=[fields("优化审批流程", 20)])
    with translation.override("en"):
        rows = dashboard.by_township(items(tree.users.county_admin, campaign), day)
    assert [(r.key, r.label, r.items) for r in rows] == [
        ("一号镇", "一号镇", 3), ("二号镇", "二号镇", 1), ("", "no township", 1),
    ]


def test_by_township_is_one_query(tree, figures, django_assert_num_queries):
    campaign, day = figures
    qs = items(tree.users.county_admin, campaign)
    with django_assert_num_queries(1):
        dashboard.by_township(qs, day)


def test_by_sector_lists_sectors_in_their_order(tree, figures):
    campaign, day = figures
    school = make_org(tree.t1, code="SCH", name="一号镇中心小学支部", sector=Sector.SCHOOL, township="一号镇")
    pledge(campaign, by=tree.users.org_admin, reviewer=tree.users.org_admin, org=school,
           items=[fields("师德师风承诺", -1)])
    rows = dashboard.by_sector(items(tree.users.county_admin, campaign), day)
    assert [row(r) for r in rows] == [
        ("school", 1, 1, 0, 0, 1, 0, 1, 0.0),
        ("village", 2, 4, 1, 0, 2, 1, 3, pytest.approx(1 / 3)),
    ]


def test_by_kind_sets_members_pledges_against_organisations(tree, figures):
    campaign, day = figures
    submitted = CommitmentItem.objects.get(pk=world(tree)["item_submitted"]).commitment
    domain.approve_commitment(submitted, by=tree.users.branch_admin)
    rows = dashboard.by_kind(items(tree.users.county_admin, campaign), day)
    assert [row(r) for r in rows] == [
        ("organisation", 2, 4, 1, 0, 2, 1, 3, pytest.approx(1 / 3)),
        ("member", 1, 1, 0, 0, 0, 1, 0, None),
    ]


def test_by_kind_shows_both_kinds_when_one_has_nothing(tree, figures):
    campaign, day = figures
    rows = dashboard.by_kind(items(tree.users.county_admin, campaign), day)
    assert [(r.key, r.items) for r in rows] == [("organisation", 4), ("member", 0)]


def test_drafts_and_pledges_under_review_count_nowhere(tree, figures):
    campaign, day = figures
    total = dashboard.totals(items(tree.users.county_admin, campaign), day)
    statuses = set(CommitmentItem.objects.values_list("commitment__status", flat=True))
    assert (total.items, statuses) == (4, {CommitmentStatus.PUBLISHED, CommitmentStatus.DRAFT,
                                           CommitmentStatus.SUBMITTED})


def test_an_item_due_today_is_on_track_and_not_yet_rated(tree, figures):
    campaign, day = figures
    item = CommitmentItem.objects.get(pk=world(tree)["item_on_track"])
    CommitmentItem.objects.filter(pk=item.pk).update(deadline=day)
    total = dashboard.totals(items(tree.users.county_admin, campaign), day)
    assert (total.on_track, total.overdue, total.rated) == (1, 2, 3)


def test_not_delivered_counts_against_the_rate(tree, figures):
    campaign, day = figures
    CommitmentItem.objects.filter(pk=world(tree)["item_on_track"]).update(outcome=Outcome.NOT_DELIVERED)
    total = dashboard.totals(items(tree.users.county_admin, campaign), day)
    assert (total.delivered, total.not_delivered, total.rated, total.rate) == (1, 1, 4, 0.25)


def test_rate_is_none_while_nothing_is_decided_or_due():
    assert dashboard.Figures("", "", items=2).rate is None


def test_rate_agrees_with_the_fulfilment_indicator(tree, figures):
    """The dashboard's rule and evaluation's record indicator (sources.fulfilment_rates) are one rule."""
    campaign, day = figures
    CommitmentItem.objects.filter(pk=world(tree)["item_on_track"]).update(outcome=Outcome.NOT_DELIVERED)
    rates = fulfilment_rates(campaign, on=day)
    total = dashboard.totals(items(tree.users.county_admin, campaign), day)
    indicator = sum(f.delivered for f in rates.values()), sum(f.due for f in rates.values())
    assert (total.delivered, total.rated) == indicator == (1, 4)


def test_monthly_deliveries_fill_the_months_between(tree, figures):
    campaign, _day = figures
    first = CommitmentItem.objects.get(pk=world(tree)["item_in"])
    delivered = CommitmentItem.objects.filter(outcome=Outcome.DELIVERED).get()
    CommitmentItem.objects.filter(pk=delivered.pk).update(outcome_on=datetime.date(2026, 1, 15))
    CommitmentItem.objects.filter(pk=first.pk).update(outcome=Outcome.DELIVERED, outcome_on=datetime.date(2026, 3, 2))
    months = dashboard.monthly_deliveries(items(tree.users.county_admin, campaign))
    assert months == [(datetime.date(2026, 1, 1), 1), (datetime.date(2026, 2, 1), 0), (datetime.date(2026, 3, 1), 1)]


def test_monthly_deliveries_are_empty_without_a_delivery(tree, figures):
    campaign, _day = figures
    CommitmentItem.objects.update(outcome=Outcome.OPEN, outcome_on=None)
    assert dashboard.monthly_deliveries(items(tree.users.county_admin, campaign)) == []


def test_overdue_items_most_overdue_first(tree, figures):
    campaign, day = figures
    rows = dashboard.overdue_items(items(tree.users.county_admin, campaign), day)
    assert [(r.content, dashboard.days_overdue(r, day)) for r in rows] == [("走访困难群众", 10), ("建设农家书屋", 5)]


def test_overdue_items_by_least_progress(tree, figures):
    campaign, day = figures
    CommitmentItem.objects.filter(pk=world(tree)["item_in"]).update(progress=60)
    rows = dashboard.overdue_items(items(tree.users.county_admin, campaign), day, "progress")
    assert [(r.content, r.progress) for r in rows] == [("建设农家书屋", 0), ("走访困难群众", 60)]


def test_overdue_items_of_a_branch_admin_are_their_branchs(tree, figures):
    campaign, day = figures
    rows = dashboard.overdue_items(items(tree.users.branch_admin, campaign), day)
    assert [r.commitment.organization.code for r in rows] == ["T1B1"]


def test_user_without_a_role_sees_no_figures(tree, figures):
    campaign, day = figures
    total = dashboard.totals(items(tree.users.nobody, campaign), day)
    assert (total.items, dashboard.by_township(items(tree.users.nobody, campaign), day)) == (0, [])


def test_filters_narrow_by_township_sector_and_kind(tree, figures):
    campaign, _day = figures
    qs = items(tree.users.county_admin, campaign)
    counts = [
        dashboard.filter_items(qs, township="二号镇").count(),
        dashboard.filter_items(qs, sector=Sector.SCHOOL).count(),
        dashboard.filter_items(qs, kind=dashboard.MEMBER).count(),
        dashboard.filter_items(qs, kind=dashboard.ORGANISATION).count(),
    ]
    assert counts == [1, 0, 0, 4]


def test_summed_tables_equal_the_totals(tree, figures):
    """Townships, sectors and kinds each part the items: their sums are the totals, so the
    pages add the township rows up instead of counting again."""
    campaign, day = figures
    qs = items(tree.users.county_admin, campaign)
    sums = [row(dashboard.summed(table(qs, day))) for table in (dashboard.by_township, dashboard.by_sector,
                                                               dashboard.by_kind)]
    assert sums == [row(dashboard.totals(qs, day))] * 3 == [("", 2, 4, 1, 0, 2, 1, 3, pytest.approx(1 / 3))] * 3
