"""Commitments in every state over the `tree`, for the dashboard's and the API's tables and tests.

One active campaign. T1B1 (inside the T1 users' view) and T2B1 (outside it) have
published pledges, each with an overdue item, and T1B1 also one on track and one
delivered; T1 has a draft (T1B1's admin does not see it, being below it), and member M1
(the tree's member user) a pledge awaiting review. Each published pledge has a piece of
pending feedback. Placeholders are ids.
"""
from __future__ import annotations

import datetime

from django.utils import timezone

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments import domain
from pacesetter.commitments.enums import Category, CommitmentStatus, Outcome


def make_campaign(name="2026年创先争优活动", **fields) -> Campaign:
    today = timezone.localdate()
    values = {
        "year": today.year, "starts_on": today - datetime.timedelta(days=200),
        "ends_on": today + datetime.timedelta(days=300), "status": CampaignStatus.ACTIVE, **fields,
    }
    return Campaign.objects.create(name=name, **values)


def fields(content: str, days: int, category=Category.SERVICE) -> dict:
    """An item due `days` from today (negative: overdue)."""
    return {"content": content, "target": "每月一次", "deadline": timezone.localdate() + datetime.timedelta(days=days),
            "category": category}


def pledge(campaign, *, by, reviewer=None, org=None, member=None, items=(), status=CommitmentStatus.PUBLISHED):
    """A pledge written by `by` with `items`, taken as far as `status` (`reviewer` approves)."""
    commitment = domain.start_commitment(campaign, by=by, organization=org, member=member)
    for item in items:
        domain.add_item(commitment, by=by, **item)
    if status in (CommitmentStatus.SUBMITTED, CommitmentStatus.PUBLISHED):
        domain.submit_commitment(commitment, by=by)
    if status == CommitmentStatus.PUBLISHED:
        domain.approve_commitment(commitment, by=reviewer)
    commitment.refresh_from_db()
    return commitment


def link_member(tree):
    """M1's login is the tree's member user."""
    tree.m1.user = tree.users.member
    tree.m1.save(update_fields=["user"])


def world(tree) -> dict:
    """Built once per tree: both table modules ask for it."""
    if not hasattr(tree, "_commitments_api_world"):
        tree._commitments_api_world = _build(tree)
    return dict(tree._commitments_api_world)


def _build(tree) -> dict:
    users = tree.users
    link_member(tree)
    campaign = make_campaign()
    inside = pledge(campaign, by=users.branch_admin, reviewer=users.org_admin, org=tree.b1, items=[
        fields("走访困难群众", -10), fields("开展主题党日", 30), fields("修缮村级活动场所", 60)])
    overdue_in, on_track_in, delivered_in = inside.items.order_by("order")
    domain.record_outcome(delivered_in, by=users.branch_admin, outcome=Outcome.DELIVERED, note="已完工")
    outside = pledge(campaign, by=users.county_admin, reviewer=users.county_admin, org=tree.b2, items=[
        fields("建设农家书屋", -5)])
    draft = pledge(campaign, by=users.org_admin, org=tree.t1, items=[fields("镇党委承诺事项", 40)],
                   status=CommitmentStatus.DRAFT)
    submitted = pledge(campaign, by=users.member, member=tree.m1, items=[fields("带头志愿服务", 50)],
                       status=CommitmentStatus.SUBMITTED)
    fb_in = domain.submit_feedback(inside, client_ip="192.0.2.1", text="活动场所还没修好")
    fb_out = domain.submit_feedback(outside, client_ip="192.0.2.2", text="书屋开放时间太短")
    return {
        "campaign": campaign.pk, "c_in": inside.pk, "c_out": outside.pk, "draft": draft.pk,
        "submitted": submitted.pk, "item_in": overdue_in.pk, "item_on_track": on_track_in.pk,
        "item_out": outside.items.get().pk, "item_draft": draft.items.get().pk,
        "item_submitted": submitted.items.get().pk, "fb_in": fb_in.pk, "fb_out": fb_out.pk,
    }
