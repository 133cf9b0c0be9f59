"""The demo county's campaigns: this year's, under way, and last year's, closed.

`seed_demo` calls `seed_campaigns` after the evaluation demo, so the rounds it made can be
attached to this year's campaign with one UPDATE.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from pacesetter.core import audit
from pacesetter.evaluation.models import Round

from .enums import CampaignStatus
from .models import Campaign

CURRENT = {
    "name": "2026年创先争优活动", "year": 2026, "status": CampaignStatus.ACTIVE,
    "starts_on": datetime.date(2026, 3, 1), "ends_on": datetime.date(2026, 12, 31),
    "pledges_due": datetime.date(2026, 4, 30),
}
PREVIOUS = {
    "name": "2025年创先争优活动", "year": 2025, "status": CampaignStatus.CLOSED,
    "starts_on": datetime.date(2025, 3, 1), "ends_on": datetime.date(2025, 12, 31),
    "pledges_due": datetime.date(2025, 4, 30),
}


@dataclass(frozen=True)
class CampaignsDemo:
    current: Campaign
    previous: Campaign
    rounds: int


def seed_campaigns(*, rounds: Iterable[Round] = (), previous_rounds: Iterable[Round] = ()) -> CampaignsDemo:
    """Both campaigns; `rounds` become part of this year's, `previous_rounds` of last year's."""
    with transaction.atomic():
        previous = Campaign.objects.create(**PREVIOUS)
        current = Campaign.objects.create(**CURRENT)
        linked = Round.objects.filter(pk__in=[r.pk for r in rounds]).update(campaign=current)
        Round.objects.filter(pk__in=[r.pk for r in previous_rounds]).update(campaign=previous)
        audit.record("demo.seed_campaigns", by=None, obj=current,
                     after={"campaigns": [previous.name, current.name], "rounds": linked})
    return CampaignsDemo(current=current, previous=previous, rounds=linked)
