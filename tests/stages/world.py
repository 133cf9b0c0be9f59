"""A campaign with its three stages and three tasks on the `tree` fixture, dated in 2026.

Stages: mobilise 1–31 March, implement 1 April–31 October, summarise November–December.
Tasks: A "动员大会" manual, due 20 March, for all; B "公开承诺" automatic (commitment
published), due 30 April, for all; C "年度述职" manual, due 30 June, village sector only.
"""
from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments.enums import CommitmentStatus
from pacesetter.commitments.models import Commitment
from pacesetter.stages import domain
from pacesetter.stages.enums import StageKind

D = datetime.date


def make_campaign(name="2026年创先争优活动", year=2026, status=CampaignStatus.ACTIVE, starts_on=D(2026, 3, 1),
                  ends_on=D(2026, 12, 31)) -> Campaign:
    return Campaign.objects.create(name=name, year=year, status=status, starts_on=starts_on, ends_on=ends_on)


def make_stages(campaign, by) -> dict:
    year = campaign.starts_on.year
    dates = {StageKind.MOBILISE: (D(year, 3, 1), D(year, 3, 31)),
             StageKind.IMPLEMENT: (D(year, 4, 1), D(year, 10, 31)),
             StageKind.SUMMARISE: (D(year, 11, 1), D(year, 12, 31))}
    return {kind: domain.create_stage(campaign, by=by, kind=kind, starts_on=start, ends_on=end)
            for kind, (start, end) in dates.items()}


def publish(campaign, org, day: datetime.date) -> Commitment:
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return Commitment.objects.create(campaign=campaign, organization=org, status=CommitmentStatus.PUBLISHED,
                                     published_at=at)


def build(tree) -> SimpleNamespace:
    admin = tree.users.county_admin
    campaign = make_campaign()
    stages = make_stages(campaign, admin)
    a = domain.create_task(stages[StageKind.MOBILISE], by=admin, title="召开动员大会", due_on=D(2026, 3, 20))
    b = domain.create_task(stages[StageKind.IMPLEMENT], by=admin, title="公开承诺", check_kind="commitment_published",
                           due_on=D(2026, 4, 30))
    c = domain.create_task(stages[StageKind.IMPLEMENT], by=admin, title="年度述职", due_on=D(2026, 6, 30),
                           sector="village")
    return SimpleNamespace(campaign=campaign, stages=stages, a=a, b=b, c=c)
