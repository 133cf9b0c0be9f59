"""The ACTIVITIES record figure for evaluation and the "too few activities" flags, with
hand-made numbers."""
import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from pacesetter.activities import sources
from pacesetter.activities.enums import ActivityKind, ActivityState
from pacesetter.activities.models import Activity
from pacesetter.activities.queries import (
    flag_organizations_visible_to,
    flagged,
    held_per_month,
    months_before,
)
from pacesetter.evaluation import sources as ev_sources
from pacesetter.evaluation.enums import IndicatorSource

from .conftest import at

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 6, 30)


def activity(org, day, state=ActivityState.HELD):
    return Activity.objects.create(organization=org, kind=ActivityKind.THEMED_DAY, title="主题党日", starts_at=at(day),
                                   ends_at=at(day, 11), day=day, state=state,
                                   cancel_reason="下雨" if state == ActivityState.CANCELLED else "")


def a_round(closes_on=TODAY):
    closes = datetime.datetime(closes_on.year, closes_on.month, closes_on.day, 18, tzinfo=SHANGHAI)
    return SimpleNamespace(closes_at=closes, campaign_id=None, campaign=None)


def test_activities_source_is_registered():
    assert ev_sources._sources[IndicatorSource.ACTIVITIES] is sources.activity_values


def test_expected_is_two_a_month_over_the_period():
    # 2025-06-30 … 2026-06-30 is 366 days: 2 × 366 / 30.4 = 24.08 → 24
    assert sources.expected(datetime.date(2025, 6, 30), TODAY) == 24


@override_settings(ACTIVITY_EXPECTED_PER_MONTH=1)
def test_expected_follows_the_setting():
    assert sources.expected(datetime.date(2026, 4, 1), TODAY) == 3  # 91 days / 30.4 = 2.99


def test_figure_is_held_over_expected(tree):
    for month in range(1, 7):
        activity(tree.b1, datetime.date(2026, month, 5))
    activity(tree.b1, datetime.date(2026, 6, 6), ActivityState.CANCELLED)
    activity(tree.b1, datetime.date(2026, 6, 7), ActivityState.PLANNED)
    activity(tree.b1, datetime.date(2025, 6, 29))  # before the period
    activity(tree.t1, datetime.date(2026, 3, 3))  # the parent's, not b1's
    subjects = [ev_sources.SubjectRow(1, tree.b1.pk, None), ev_sources.SubjectRow(2, tree.b2.pk, None),
                ev_sources.SubjectRow(3, tree.b1.pk, tree.m1.pk)]
    assert sources.activity_values(a_round(), subjects) == {1: 25.0, 2: 0.0, 3: None}


def test_figure_stops_at_100(tree):
    for day in range(1, 29):
        activity(tree.b1, datetime.date(2026, 2, day))
    assert sources.activity_values(a_round(), [ev_sources.SubjectRow(1, tree.b1.pk, None)]) == {1: 100.0}


def test_period_starts_with_the_campaign():
    campaign = SimpleNamespace(starts_on=datetime.date(2026, 3, 1))
    round_ = SimpleNamespace(closes_at=a_round().closes_at, campaign_id=1, campaign=campaign)
    assert sources.round_period(round_) == (datetime.date(2026, 3, 1), TODAY)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (datetime.date(2026, 6, 30), 3, datetime.date(2026, 3, 30)),
    (datetime.date(2026, 5, 31), 3, datetime.date(2026, 2, 28)),
    (datetime.date(2026, 2, 15), 3, datetime.date(2025, 11, 15)),
    (datetime.date(2026, 1, 31), -1, datetime.date(2026, 2, 28)),
])
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


@pytest.fixture
def history(tree):
    """b1 held two activities in the last three months, b2 one (and three long before),
    t1 cancelled one."""
    activity(tree.b1, datetime.date(2026, 4, 10))
    activity(tree.b1, datetime.date(2026, 6, 30))
    activity(tree.b2, datetime.date(2026, 3, 30))
    for month in (1, 2, 3):
        activity(tree.b2, datetime.date(2026, month, 1))
    activity(tree.t1, datetime.date(2026, 5, 5), ActivityState.CANCELLED)
    return tree


@override_settings(ACTIVITY_FLAG_MIN_HELD=2, ACTIVITY_FLAG_MONTHS=3)
def test_flagged_lists_too_few_held_fewest_first(history):
    orgs = flagged(flag_organizations_visible_to(history.users.county_admin), today=TODAY)
    assert [(o.code, o.held) for o in orgs] == [("C", 0), ("T1", 0), ("T2", 0), ("T2B1", 1)]


@override_settings(ACTIVITY_FLAG_MIN_HELD=2, ACTIVITY_FLAG_MONTHS=3)
def test_flagged_keeps_to_the_users_subtree(history):
    orgs = flagged(flag_organizations_visible_to(history.users.org_admin), today=TODAY)
    assert [(o.code, o.held) for o in orgs] == [("T1", 0)]


def test_flags_are_not_for_members(history):
    assert list(flag_organizations_visible_to(history.users.member)) == []


def test_held_per_month_counts_held_only(history):
    counts = held_per_month(flag_organizations_visible_to(history.users.county_admin),
                            since=datetime.date(2026, 1, 1), until=TODAY)
    assert counts == {datetime.date(2026, 1, 1): 1, datetime.date(2026, 2, 1): 1, datetime.date(2026, 3, 1): 2,
                      datetime.date(2026, 4, 1): 1, datetime.date(2026, 6, 1): 1}
