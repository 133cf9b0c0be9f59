"""The commitments part of `seed_demo --scale small`: campaigns, the county goal tree, and
pledges in every state with a timeline, evidence photos, public feedback and reviews, so
that each demo login finds something on every commitments page."""
import datetime
import io
import random
from collections import Counter, defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.campaigns.models import Campaign
from pacesetter.commitments import rules as c_rules
from pacesetter.commitments.demo import seed_commitments
from pacesetter.commitments.enums import CommitmentStatus, FeedbackStatus, Outcome, VersionKind
from pacesetter.commitments.models import Commitment, CommitmentItem, Evidence, Feedback, ItemVersion, SuperiorReview
from pacesetter.commitments.queries import overdue_q
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation.demo import annual
from pacesetter.evaluation.models import Round
from pacesetter.orgs.enums import GoalKind
from pacesetter.orgs.models import Goal, Organization


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The small demo, seeded once for the module and rolled back after it; its output."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        with translation.override("en"):
            call_command("seed_demo", "--scale", "small", "--seed", "1", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def users(seeded, db):
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def campaign(seeded, db):
    return Campaign.objects.get(name="2026年创先争优活动")


def _branch1() -> Organization:
    return Organization.objects.get(role_assignments__user__username="branch1")


# --- campaigns and goals -------------------------------------------------------------------


def test_demo_campaign_of_this_year_is_under_way(campaign):
    assert (campaign.year, campaign.status, campaign.starts_on, campaign.ends_on, campaign.pledges_due) == (
        2026, CampaignStatus.ACTIVE, datetime.date(2026, 3, 1), datetime.date(2026, 12, 31), datetime.date(2026, 4, 30),
    )


def test_demo_campaign_of_last_year_is_closed(seeded, db):
    assert list(Campaign.objects.filter(year=2025).values_list("name", "status")) == [
        ("2025年创先争优活动", CampaignStatus.CLOSED),
    ]


def test_demo_evaluation_rounds_belong_to_this_years_campaign_but_last_years_to_the_previous(campaign):
    previous = Campaign.objects.get(status=CampaignStatus.CLOSED)
    assert dict(Round.objects.values_list("name", "campaign")) == {
        name: (previous.pk if name == annual.EARLIER_NAME else campaign.pk)
        for name in Round.objects.values_list("name", flat=True)
    }


def test_demo_goal_tree_has_strategy_tasks_goals_and_targets(seeded, db):
    kinds = defaultdict(Counter)
    for depth, kind in Goal.objects.values_list("depth", "kind"):
        kinds[depth][kind] += 1
    assert dict(kinds) == {
        1: {GoalKind.STRATEGY: 1}, 2: {GoalKind.TASK: 2, GoalKind.GOAL: 5}, 3: {GoalKind.TARGET: 22},
    }


def test_demo_goal_tree_is_rooted_in_industry_makes_the_county_strong(seeded, db):
    root = Goal.objects.get(depth=1)
    assert (root.name, Goal.objects.find_problems()) == ("工业强县", ([], [], [], [], []))


def test_demo_some_items_serve_a_county_goal(campaign):
    goals = set(CommitmentItem.objects.filter(goal__isnull=False).values_list("goal__kind", flat=True))
    assert goals == {GoalKind.TARGET}


# --- pledges -------------------------------------------------------------------------------


def test_demo_nearly_every_organisation_pledges(campaign):
    pledging = Commitment.objects.filter(campaign=campaign, member__isnull=True).count()
    assert pledging / Organization.objects.count() >= 0.95


def test_demo_most_pledges_are_published(campaign):
    statuses = Counter(Commitment.objects.filter(campaign=campaign).values_list("status", flat=True))
    assert (statuses[CommitmentStatus.PUBLISHED] / statuses.total() >= 0.8, set(statuses)) == (
        True, set(CommitmentStatus.values),
    )


def test_demo_organisations_pledge_three_to_five_items(campaign):
    items = CommitmentItem.objects.filter(commitment__member__isnull=True)
    counts = Counter(items.values_list("commitment", flat=True))
    assert set(counts.values()) == {3, 4, 5}


def test_demo_items_fall_due_within_the_campaign(campaign):
    deadlines = CommitmentItem.objects.values_list("deadline", flat=True)
    assert (min(deadlines) >= campaign.starts_on, max(deadlines) <= campaign.ends_on) == (True, True)


def test_demo_township1_has_four_organisations_pledges_to_review(users):
    awaiting = Commitment.objects.filter(status=CommitmentStatus.SUBMITTED, member__isnull=True)
    reviewable = [c for c in awaiting.select_related("organization")
                  if c_rules.can_review_commitment(users["township1"], c)]
    assert len(reviewable) == 4


def test_demo_branch1_has_three_members_pledges_to_review(users):
    awaiting = Commitment.objects.filter(status=CommitmentStatus.SUBMITTED, organization=_branch1())
    reviewable = [c for c in awaiting.select_related("organization", "member")
                  if c_rules.can_review_commitment(users["branch1"], c)]
    assert (len(reviewable), {c.member_id is not None for c in reviewable}) == (3, {True})


def test_demo_returned_pledges_say_why(campaign):
    reasons = Commitment.objects.filter(status=CommitmentStatus.RETURNED).values_list("return_reason", flat=True)
    assert (len(reasons) > 0, [r for r in reasons if not r]) == (True, [])


def test_demo_published_pledges_name_when_and_drafts_do_not(campaign):
    published = Commitment.objects.filter(status=CommitmentStatus.PUBLISHED)
    drafts = Commitment.objects.filter(status=CommitmentStatus.DRAFT)
    assert (published.filter(published_at__isnull=True).count(), drafts.filter(submitted_at__isnull=False).count()) == (
        0, 0,
    )


def test_demo_member1_has_a_published_pledge_with_progress_and_photos(users):
    pledge = Commitment.objects.get(member__user=users["member1"])
    items = pledge.items.all()
    updated = {v.item_id for v in ItemVersion.objects.filter(item__in=items, kind=VersionKind.PROGRESS)}
    photographed = set(Evidence.objects.filter(version__item__in=items).values_list("version__item", flat=True))
    assert (pledge.status, updated, photographed) == (CommitmentStatus.PUBLISHED, {i.pk for i in items}, updated)


def test_demo_branch1_pledge_is_published_and_judged_by_township1(users):
    pledge = Commitment.objects.get(organization=_branch1(), member__isnull=True)
    review = SuperiorReview.objects.get(commitment=pledge)
    assert (pledge.status, pledge.reviewed_by, review.by, review.by_organization.code) == (
        CommitmentStatus.PUBLISHED, users["township1"], users["township1"], "LJ01",
    )


# --- delivery ------------------------------------------------------------------------------


def test_demo_has_items_in_every_delivery_state(campaign):
    today = timezone.localdate()
    published = CommitmentItem.objects.filter(commitment__status=CommitmentStatus.PUBLISHED)
    states = {item.delivery_status(today) for item in published}
    assert (states, published.filter(overdue_q(today)).exists()) == (
        {"on_track", "overdue", "delivered", "not_delivered"}, True,
    )


def test_demo_only_published_items_have_an_outcome(campaign):
    unpublished = CommitmentItem.objects.exclude(commitment__status=CommitmentStatus.PUBLISHED)
    assert set(unpublished.values_list("outcome", "progress")) == {(Outcome.OPEN, 0)}


def test_demo_timeline_runs_forward(campaign):
    backwards = []
    last: dict[int, tuple[int, datetime.datetime]] = {}
    for item, number, at in ItemVersion.objects.order_by("item", "number").values_list("item", "number", "at"):
        if item in last and (number != last[item][0] + 1 or at < last[item][1]):
            backwards.append((item, number))
        last[item] = (number, at)
    assert (backwards, max(at for _n, at in last.values()) < timezone.now()) == ([], True)


def test_demo_timeline_ends_with_the_item_as_it_is(campaign):
    latest = {v.item_id: v.snapshot for v in ItemVersion.objects.order_by("item", "number")}
    wrong = [
        item.pk for item in CommitmentItem.objects.all()
        if (latest[item.pk]["progress"], latest[item.pk]["outcome"], latest[item.pk]["content"])
        != (item.progress, item.outcome, item.content)
    ]
    assert wrong == []


def test_demo_published_items_start_with_written_submitted_approved(campaign):
    firsts = Counter(
        tuple(ItemVersion.objects.filter(item=item).order_by("number").values_list("kind", flat=True)[:3])
        for item in CommitmentItem.objects.filter(commitment__status=CommitmentStatus.PUBLISHED)[:50]
    )
    assert list(firsts) == [(VersionKind.CREATED, VersionKind.SUBMITTED, VersionKind.APPROVED)]


def test_demo_pledges_are_dated_by_their_history(campaign):
    pledge = Commitment.objects.filter(status=CommitmentStatus.PUBLISHED).order_by("pk").first()
    ats = list(ItemVersion.objects.filter(item__commitment=pledge).values_list("at", flat=True))
    assert (pledge.created_at, pledge.updated_at) == (min(ats), max(ats))


def test_demo_evidence_photos_are_stored_with_thumbnails(campaign):
    evidence = list(Evidence.objects.all())
    stored = {(default_storage.exists(e.file.name), default_storage.exists(e.thumbnail.name), e.kind, e.extension)
              for e in evidence}
    assert (len(evidence) > 0, stored) == (True, {(True, True, "photo", "jpg")})


def test_demo_evidence_is_attached_to_progress_updates(campaign):
    assert set(Evidence.objects.values_list("version__kind", flat=True)) == {VersionKind.PROGRESS}


# --- the public and the superiors ----------------------------------------------------------


def test_demo_feedback_in_every_moderation_state(campaign):
    statuses = set(Feedback.objects.values_list("status", flat=True))
    assert statuses == set(FeedbackStatus.values)


def test_demo_some_shown_feedback_has_a_reply(campaign):
    assert Feedback.objects.filter(status=FeedbackStatus.SHOWN).exclude(reply="").exists() is True


def test_demo_rejected_feedback_says_why(campaign):
    rejected = Feedback.objects.filter(status=FeedbackStatus.REJECTED)
    assert (rejected.exists(), rejected.filter(moderation_reason="").count()) == (True, 0)


def test_demo_feedback_only_on_published_pledges(campaign):
    assert set(Feedback.objects.values_list("commitment__status", flat=True)) == {CommitmentStatus.PUBLISHED}


def test_demo_feedback_came_after_publication(campaign):
    early = [f.pk for f in Feedback.objects.select_related("commitment") if f.created_at <= f.commitment.published_at]
    assert early == []


# --- the seed as a whole -------------------------------------------------------------------


def test_demo_one_audit_entry_records_the_commitments(campaign):
    entry = AuditEntry.objects.get(action="demo.seed_commitments")
    assert (entry.object_id, entry.after["pledges"], entry.after["items"]) == (
        str(campaign.pk), Commitment.objects.count(), CommitmentItem.objects.count(),
    )


def test_demo_output_counts_the_pledges(seeded, db):
    line = next(line for line in seeded.splitlines() if line.startswith("Commitments:"))
    assert line.split(" pledges")[0] == f"Commitments: {Commitment.objects.count()}"


def _rows(campaign: Campaign) -> list[tuple]:
    pledges = Commitment.objects.filter(campaign=campaign)
    return [
        *pledges.order_by("organization__code", "member__code").values_list(
            "organization__code", "member__code", "status", "submitted_at", "published_at", "return_reason"),
        *CommitmentItem.objects.filter(commitment__in=pledges).order_by(
            "commitment__organization__code", "commitment__member__code", "order").values_list(
            "content", "deadline", "goal", "progress", "outcome", "outcome_on"),
        *ItemVersion.objects.filter(item__commitment__in=pledges).order_by(
            "item__commitment__organization__code", "item__commitment__member__code", "item__order", "number"
        ).values_list("kind", "at", "actor_name", "note", "snapshot"),
        *Feedback.objects.filter(commitment__in=pledges).order_by("created_at").values_list(
            "commitment__organization__code", "text", "status", "reply"),
    ]


def test_demo_same_seed_gives_the_same_commitments(campaign):
    again = Campaign.objects.create(name="重放", year=2026, starts_on=campaign.starts_on, ends_on=campaign.ends_on)
    seed_commitments(Organization.objects.get(depth=1), campaign=again, rng=random.Random("1:commitments"))
    assert (_rows(again), len(_rows(again)) > 1000) == (_rows(campaign), True)
