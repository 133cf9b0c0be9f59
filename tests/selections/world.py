"""Selections for the tests, over the `tree` fixture: a campaign, a released round with
hand-made results (T1B1 88 advanced, T2B1 64 lagging, T1 85 advanced, T2 75 good, member
M1 95) and the two honour kinds the tests use (made here: rows of the data migration are
gone in transactional tests)."""
from __future__ import annotations

import datetime

from django.utils import timezone

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.campaigns.queries import current_campaign
from pacesetter.evaluation.enums import RoundKind, RoundState
from pacesetter.evaluation.models import Round, RoundSubject, Scheme, SubjectResult, TallyResult
from pacesetter.selections import domain
from pacesetter.selections.enums import NomineeKind, SelectionState
from pacesetter.selections.models import HonourKind, Selection

IP = "203.0.113.9"


def kind(code="red_flag_branch", name="红旗支部", nominee=NomineeKind.ORGANIZATION) -> HonourKind:
    return HonourKind.objects.get_or_create(code=code, defaults={"name": name, "nominee": nominee})[0]


def member_kind() -> HonourKind:
    return kind("outstanding_member", "优秀共产党员", NomineeKind.MEMBER)


def campaign() -> Campaign:
    """The current campaign, or one made to be it (started long ago, so another test world's
    campaign stays current)."""
    today = timezone.localdate()
    return current_campaign() or Campaign.objects.create(
        name="创先争优活动", year=today.year, starts_on=today - datetime.timedelta(days=400),
        ends_on=today + datetime.timedelta(days=200), status=CampaignStatus.ACTIVE)


def released_round(tree, rows=None) -> Round:
    """A released round; `rows` as (org, member, composite, grade), the default as in the docstring."""
    rows = rows or [(tree.b1, None, 88.0, "advanced"), (tree.b2, None, 64.0, "lagging"),
                    (tree.t1, None, 85.0, "advanced"), (tree.t2, None, 75.0, "good"),
                    (tree.b1, tree.m1, 95.0, "advanced")]
    scheme = Scheme.objects.create(name="村级党组织测评", sector="village")
    opens = timezone.now() - datetime.timedelta(days=30)
    round_ = Round.objects.create(name="年度民主测评", kind=RoundKind.DEMOCRATIC, scheme=scheme,
                                  state=RoundState.RELEASED, opens_at=opens, closes_at=opens + datetime.timedelta(days=7))
    tally = TallyResult.objects.create(round=round_, fingerprint="0" * 64, ballots=0, answers=0)
    SubjectResult.objects.bulk_create(
        SubjectResult(tally=tally, subject=RoundSubject.objects.create(round=round_, organization=org, member=member),
                      n=10, composite=composite, insufficient_sample=False, dissatisfied_flag=False,
                      peer_group="village/branch", rank_peer=i, peer_size=len(rows), rank_county=i, grade=grade)
        for i, (org, member, composite, grade) in enumerate(rows, start=1))
    return round_


def make_selection(tree, *, honour=None, round_=None, rules=None, state=SelectionState.NOMINATING, **fields) -> Selection:
    admin = tree.users.county_admin
    selection = domain.create_selection(
        by=admin, campaign=campaign(), kind=honour or kind(), title=fields.pop("title", "红旗支部评选"),
        round=round_ if round_ is not None else released_round(tree), rules=rules or {},
        nominations_close_on=timezone.localdate() + datetime.timedelta(days=10), **fields)
    if state != SelectionState.DRAFT:
        selection = domain.open_nominations(selection, by=admin)
    if state in (SelectionState.REVIEWING, SelectionState.NOTICE):
        selection = domain.start_review(selection, by=admin)
    return selection


def approve(tree, nomination, reason="事迹突出"):
    """Through the township (where due) and the county."""
    if domain.review_level(nomination) == "township":
        domain.review_nomination(nomination, by=tree.users.org_admin, decision="approve", reason=reason)
        nomination.refresh_from_db()
    domain.review_nomination(nomination, by=tree.users.county_admin, decision="approve", reason=reason)
    nomination.refresh_from_db()
    return nomination


def on_notice(tree, *, starts_on=None):
    """A selection on notice with T1B1 (township-reviewed) and T1 (county only) shortlisted."""
    admin = tree.users.county_admin
    selection = make_selection(tree, default_quota=2)
    b1 = domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="带领群众致富")
    t1 = domain.nominate(selection, by=tree.users.org_admin, organization=tree.t1, statement="党建引领乡村振兴")
    domain.start_review(selection, by=admin)
    approve(tree, b1)
    approve(tree, t1)
    domain.shortlist(selection, by=admin)
    selection = domain.start_notice(selection, by=admin, starts_on=starts_on)
    return selection, b1, t1
