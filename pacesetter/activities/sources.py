"""What activities supply to evaluation: the ACTIVITIES record figure of an organisation.

Registered with `pacesetter.evaluation.sources` when the app is ready, so evaluation never
imports this app. The figure is

    min(100, 100 × held ÷ expected)

- held: the organisation's own activities held in the round's period (from the campaign's
  start, or 365 days before the round closes for a round without a campaign, to the day the
  round closes, Asia/Shanghai), cancelled and still-planned ones not counted;
- expected: ACTIVITY_EXPECTED_PER_MONTH (default 2: the monthly themed party day and one
  more of 三会一课) × the period's length in months (days ÷ 30.4), rounded, at least 1;
- a person as a subject (a member) has no figure (None).

It is not weighted by attendance: attendance is taken by QR only where the organiser opens
the sign-in screen, so a weighting would punish organisations that mark it on paper rather
than those that hold few activities; the attendance rate is shown beside each activity.
"""
from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from pacesetter.evaluation import sources as ev_sources
from pacesetter.evaluation.enums import IndicatorSource
from pacesetter.evaluation.models import Round

from .enums import ActivityState
from .models import Activity

DEFAULT_PER_MONTH = 2
DEFAULT_PERIOD_DAYS = 365
DAYS_PER_MONTH = 30.4


def round_period(round_: Round) -> tuple[datetime.date, datetime.date]:
    """First and last day (both included) whose held activities count for `round_`."""
    last = timezone.localdate(round_.closes_at)
    if round_.campaign_id is not None:
        return round_.campaign.starts_on, last
    return last - datetime.timedelta(days=DEFAULT_PERIOD_DAYS), last


def expected(first: datetime.date, last: datetime.date) -> int:
    per_month = float(getattr(settings, "ACTIVITY_EXPECTED_PER_MONTH", DEFAULT_PER_MONTH))
    days = (last - first).days + 1
    return max(1, round(per_month * days / DAYS_PER_MONTH))


def held_counts(organization_ids, *, first: datetime.date, last: datetime.date) -> dict[int, int]:
    """Organisation id → its activities held from `first` to `last`; one query."""
    rows = (
        Activity.objects.filter(organization_id__in=organization_ids, state=ActivityState.HELD,
                                day__gte=first, day__lte=last)
        .values_list("organization_id").annotate(n=Count("pk")).order_by()
    )
    return dict(rows)


def activity_values(round_: Round, subjects: list[ev_sources.SubjectRow]) -> dict[int, float | None]:
    first, last = round_period(round_)
    due = expected(first, last)
    held = held_counts([s.organization_id for s in subjects if s.member_id is None], first=first, last=last)
    return {
        s.id: None if s.member_id is not None else min(100.0, 100 * held.get(s.organization_id, 0) / due)
        for s in subjects
    }


ev_sources.register(IndicatorSource.ACTIVITIES, activity_values)
