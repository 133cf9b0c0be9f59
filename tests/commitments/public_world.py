"""Pledges for the notice board's tests, made through the domain functions as people would:
written by an owner, submitted, approved by a superior (or stopped on the way)."""
from __future__ import annotations

import datetime
import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments import domain
from pacesetter.commitments.enums import Category, CommitmentStatus

_n = itertools.count(1)


def make_campaign(name="2026年创先争优活动", status=CampaignStatus.ACTIVE, started_days_ago=200) -> Campaign:
    today = timezone.localdate()
    start = today - datetime.timedelta(days=started_days_ago)
    return Campaign.objects.create(name=name, year=start.year, starts_on=start,
                                   ends_on=today + datetime.timedelta(days=300), status=status)


def item(content=None, target="每月至少一次", days=30, category=Category.SERVICE) -> dict:
    """An item's fields; `days` from today to its deadline (negative: overdue)."""
    return {"content": content or f"承诺事项{next(_n)}", "target": target,
            "deadline": timezone.localdate() + datetime.timedelta(days=days), "category": category}


def pledge(campaign, *, by, reviewer=None, org=None, member=None, items=(), status=CommitmentStatus.PUBLISHED):
    """A pledge with `items` (one default item if none), taken as far as `status`."""
    commitment = domain.start_commitment(campaign, by=by, organization=org, member=member)
    for fields in items or [item()]:
        domain.add_item(commitment, by=by, **fields)
    if status == CommitmentStatus.DRAFT:
        return commitment
    domain.submit_commitment(commitment, by=by)
    if status == CommitmentStatus.RETURNED:
        return domain.return_commitment(commitment, by=reviewer, reason="目标不够具体")
    if status == CommitmentStatus.PUBLISHED:
        return domain.approve_commitment(commitment, by=reviewer)
    return commitment


def published(tree, campaign, org=None, **kwargs):
    """A published pledge of T1B1 (or of `org`, written and approved by the county admin)."""
    if org is None or org == tree.b1:
        return pledge(campaign, by=tree.users.branch_admin, reviewer=tree.users.org_admin, org=tree.b1, **kwargs)
    return pledge(campaign, by=tree.users.county_admin, reviewer=tree.users.county_admin, org=org, **kwargs)


def member_pledge(tree, campaign, member=None, **kwargs):
    """A published pledge of member M1 (whose login is the tree's member), approved by T1B1's admin."""
    member = member or tree.m1
    if member.user_id is None:
        member.user = tree.users.member
        member.save(update_fields=["user"])
    return pledge(campaign, by=member.user, reviewer=tree.users.branch_admin, member=member, **kwargs)


def photo(name="现场.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 40)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")
