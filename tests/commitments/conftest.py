"""Shared fixtures of the commitments tests: a campaign under way, the tree's member M1
with the tree's member login, and a maker of pledges taken through the domain functions
as far as the test needs (draft, submitted, returned, published).

Fixtures for other areas of commitments go at the END of this file."""
from __future__ import annotations

import datetime
import io
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments import domain
from pacesetter.commitments.enums import Category, CommitmentStatus

_numbers = itertools.count(1)


@pytest.fixture
def campaign(tree) -> Campaign:
    """Under way: started 200 days ago, ends in 300 days."""
    today = timezone.localdate()
    return Campaign.objects.create(
        name="2026年创先争优活动", year=today.year, starts_on=today - datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=300), status=CampaignStatus.ACTIVE,
    )


@pytest.fixture
def m1(tree):
    """Member M1 (of T1B1) with the tree's member login, so the member writes their own pledge."""
    tree.m1.user = tree.users.member
    tree.m1.save(update_fields=["user"])
    return tree.m1


@pytest.fixture
def item_fields():
    """An item's fields: `days` from today to the deadline (negative: overdue)."""

    def make(content: str | None = None, *, target: str = "每月至少一次", days: int = 30,
             category: str = Category.SERVICE, goal=None) -> dict:
        return {"content": content or f"承诺事项{next(_numbers)}", "target": target,
                "deadline": timezone.localdate() + datetime.timedelta(days=days), "category": category,
                "goal": goal}

    return make


@pytest.fixture
def make_pledge(tree, campaign, item_fields):
    """make_pledge(org=…, member=…, items=[…] or n, status=…): a pledge written by its owner
    and taken as far as `status`. T1B1's pledge is written by the branch admin and reviewed
    by T1's admin; a member's by the member and reviewed by the branch admin; any other
    organisation's by the county admin for both."""

    def make(*, org=None, member=None, items=1, status=CommitmentStatus.PUBLISHED, reason="目标不够具体"):
        if member is not None:
            by, reviewer = member.user, tree.users.branch_admin
        else:
            org = org or tree.b1
            if org == tree.b1:
                by, reviewer = tree.users.branch_admin, tree.users.org_admin
            else:
                by = reviewer = tree.users.county_admin
        commitment = domain.start_commitment(campaign, by=by, organization=None if member else org, member=member)
        for fields in items if isinstance(items, list | tuple) else [item_fields() for _ in range(items)]:
            domain.add_item(commitment, by=by, **fields)
        if status == CommitmentStatus.DRAFT:
            return commitment
        domain.submit_commitment(commitment, by=by)
        if status == CommitmentStatus.RETURNED:
            return domain.return_commitment(commitment, by=reviewer, reason=reason)
        if status == CommitmentStatus.PUBLISHED:
            return domain.approve_commitment(commitment, by=reviewer)
        return commitment

    return make


@pytest.fixture
def media_root(settings, tmp_path):
    """Evidence files of this test only, in a folder of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def photo():
    """photo(name): a small JPEG upload."""

    def make(name: str = "现场.jpg", size=(64, 48)) -> SimpleUploadedFile:
        out = io.BytesIO()
        Image.new("RGB", size, (200, 30, 40)).save(out, format="JPEG")
        return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")

    return make
