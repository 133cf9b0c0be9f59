"""What accountability supplies to evaluation: the work-style figure of an organisation.

Registered with `pacesetter.evaluation.sources` when the app is ready, so evaluation never
imports this app. The figure (source WORK_STYLE) is 100 minus the points of the sanctions
decided against the organisation in closed accountability cases, never below 0:

- only closed cases count: a sanction is final when the inspector closes the case;
- only sanctions imposed in the round's period count: from the campaign's start (or, for a
  round without a campaign, 365 days before the round closes) to the day the round closes;
- the organisation's own sanctions only, not its sub-organisations': each unit answers for
  its own work;
- a person as a subject (a member) has no figure (None), which the composite leaves out.

A scheme weighs the figure like any indicator: with weight 10, a unit publicly criticised
(10 points) loses 1 point of its composite against an unsanctioned peer.
"""
from __future__ import annotations

import datetime

from django.db.models import Sum
from django.utils import timezone

from pacesetter.evaluation import sources as ev_sources
from pacesetter.evaluation.enums import IndicatorSource
from pacesetter.evaluation.models import Round

from .enums import CaseStatus
from .models import CaseSanction

BEST = 100
#: The period a round without a campaign looks back over.
DEFAULT_PERIOD_DAYS = 365


def round_period(round_: Round) -> tuple[datetime.date, datetime.date]:
    """The days whose sanctions count for `round_`: first and last, both included."""
    last = timezone.localdate(round_.closes_at)
    if round_.campaign_id is not None:
        first = round_.campaign.starts_on
    else:
        first = last - datetime.timedelta(days=DEFAULT_PERIOD_DAYS)
    return first, last


def deductions(organization_ids, *, first: datetime.date, last: datetime.date) -> dict[int, int]:
    """Organisation id → points of its final sanctions imposed from `first` to `last`; one query."""
    rows = (
        CaseSanction.objects.filter(
            case__organization_id__in=organization_ids, case__status=CaseStatus.CLOSED,
            imposed_on__gte=first, imposed_on__lte=last,
        )
        .values_list("case__organization_id")
        .annotate(points=Sum("points"))
        .order_by()
    )
    return dict(rows)


def work_style_values(round_: Round, subjects: list[ev_sources.SubjectRow]) -> dict[int, float | None]:
    first, last = round_period(round_)
    points = deductions([s.organization_id for s in subjects if s.member_id is None], first=first, last=last)
    return {
        s.id: None if s.member_id is not None else float(max(0, BEST - points.get(s.organization_id, 0)))
        for s in subjects
    }


ev_sources.register(IndicatorSource.WORK_STYLE, work_style_values)
