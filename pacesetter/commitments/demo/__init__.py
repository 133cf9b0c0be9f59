"""The public-commitments part of the demo county: a pledge of nearly every organisation
and of a few hundred members for this year's campaign, with a year of history behind them.

Most pledges are published and delivered (or not, or overdue) through the year; some
wait for review (a few under `township1` and among `branch1`'s members, so those logins
have a queue), some are drafts or were returned with a reason. Published items carry
progress updates, some with evidence photos; the public has left feedback (awaiting
moderation, shown with replies, rejected); townships have judged some of their branches.

The rows are written directly in bulk, not through the domain functions. The demo is
seed data, not the actions of users: ~1,700 pledges through start / add / submit /
approve / report would be ~40,000 transactions with an audit entry each, minutes of
work, and every event would carry the time of seeding instead of the plausible day in
March, April or the autumn that a timeline should show. The rows are the ones the domain
would write (the same item snapshots in the versions), and one audit entry records the
seeding, as the organisation seed does. The evidence photos go through
`core.uploads.check_upload` like any upload, so they are stored re-encoded with their
thumbnails in the media storage (MEDIA_ROOT).
"""
from __future__ import annotations

import datetime
import functools
import json
import random
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from pacesetter.campaigns.models import Campaign
from pacesetter.core import audit
from pacesetter.orgs.enums import OrgStatus
from pacesetter.orgs.models import Goal, Member, Organization, RoleAssignment

from ..enums import Outcome
from ..models import Commitment, CommitmentItem, Evidence, Feedback, ItemVersion, SuperiorReview
from . import public
from .history import DRAFT, PUBLISHED, RETURNED, SUBMITTED, Clock, History, Org, Person, Pledge, Version

#: Members with a pledge of their own, besides all of branch1's: in the first township, elsewhere.
MEMBERS_FIRST_TOWNSHIP, MEMBERS_ELSEWHERE = 100, 160


@dataclass(frozen=True)
class CommitmentsDemo:
    pledges: int
    member_pledges: int
    statuses: dict[str, int]
    items: int
    delivered: int
    not_delivered: int
    overdue: int
    feedback: dict[str, int]
    photos: int
    reviews: int
    #: Pledges under township1 awaiting its review.
    township1_queue: int


def _county(root: Organization) -> Organization:
    """The demo county: where the county-level leaders serve (the root, or a province's first county)."""
    county = Organization.objects.filter(path__startswith=root.path, leaders__isnull=False).order_by("path").first()
    return county or root


def _demo_logins() -> tuple[dict, dict[str, str]]:
    """The demo users by name, and the path of the organisation township1 and branch1 administer."""
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["county", "township1", "branch1", "member1"])}
    paths = dict(RoleAssignment.objects.filter(user__username__in=["township1", "branch1"]).values_list(
        "user__username", "organization__path"))
    return users, paths


def _statuses(rng: random.Random, count: int, *, submitted: int, returned: int, draft: int) -> list[str]:
    """`count` statuses: up to so many awaiting review, returned and drafts, the rest published, shuffled."""
    statuses = ([SUBMITTED] * submitted + [RETURNED] * returned + [DRAFT] * draft)[:count]
    statuses += [PUBLISHED] * (count - len(statuses))
    rng.shuffle(statuses)
    return statuses


# --- who pledges ---------------------------------------------------------------------------


def _plan_organisations(rng: random.Random, orgs: list[Org], users: dict, paths: dict[str, str]) -> list[Pledge]:
    """A pledge for nearly every organisation: ~4 % awaiting review, ~2 % returned, ~3 %
    drafts. Under township1 four await review (its queue), one was returned, one is a draft."""
    root, by_path = orgs[0], {o.path: o for o in orgs}
    township, branch = paths.get("township1") or "\0", paths.get("branch1") or "\0"
    local = [o for o in orgs if o.path.startswith(township) and o.path not in (township, branch)]
    forced = dict(zip([o.path for o in local], _statuses(rng, len(local), submitted=4, returned=1, draft=1),
                      strict=True))
    forced.update({root.path: PUBLISHED, township: PUBLISHED, branch: PUBLISHED})
    owners = {root.path: users.get("county"), township: users.get("township1"), branch: users.get("branch1")}
    qualities: dict[str, float] = {}  # per township or system committee: dashboards show a spread
    plans = []
    for org in orgs:
        head = org.path[: len(root.path) + Organization.steplen]
        if head not in qualities:
            qualities[head] = rng.uniform(0.72, 0.96)
        quality = min(0.99, max(0.4, qualities[head] + rng.gauss(0, 0.06)))
        status = forced.get(org.path)
        if status is None:
            r = rng.random()
            if r < 0.015:
                continue  # no pledge yet
            status = SUBMITTED if r < 0.055 else RETURNED if r < 0.075 else DRAFT if r < 0.105 else PUBLISHED
        parent = by_path.get(org.path[: -Organization.steplen])
        if parent is None or parent is root:
            reviewer = users.get("county")
        elif org.path.startswith(township):
            reviewer = users.get("township1")
        else:
            reviewer = None
        plans.append(Pledge(
            org=org, member=None, status=status, owner=owners.get(org.path), owner_name=org.secretary,
            reviewer=reviewer, reviewer_name=(parent or org).secretary, quality=quality,
            showcase=org.path == branch,
        ))
    return plans


def _plan_members(rng: random.Random, orgs: list[Org], users: dict, paths: dict[str, str]) -> list[Pledge]:
    """Every member of branch1 (member1's published; three await branch1's review, one
    returned, one draft) and a few hundred others, most in the first township."""
    by_pk = {o.pk: o for o in orgs}
    township, branch = paths.get("township1") or "\0", paths.get("branch1") or "\0"
    member1 = users.get("member1")
    mine, near, far = [], [], []
    rows = Member.objects.filter(organization__path__startswith=orgs[0].path).order_by("code").values_list(
        "pk", "code", "name", "organization_id", "user_id")
    for member in (Person(*row) for row in rows.iterator(chunk_size=5000)):
        if member.organization_id not in by_pk:
            continue
        path = by_pk[member.organization_id].path
        (mine if path == branch else near if path.startswith(township) else far).append(member)
    chosen = sorted(
        rng.sample(near, min(len(near), MEMBERS_FIRST_TOWNSHIP)) + rng.sample(far, min(len(far), MEMBERS_ELSEWHERE)),
        key=lambda m: m.code,
    )
    member1_id = member1.pk if member1 is not None else None

    def is_member1(member: Person) -> bool:
        return member1_id is not None and member.user_id == member1_id

    others = [m for m in mine if not is_member1(m)]
    forced = dict(zip([m.pk for m in others], _statuses(rng, len(others), submitted=3, returned=1, draft=1),
                      strict=True))
    plans = []
    for member in mine + chosen:
        org = by_pk[member.organization_id]
        status = PUBLISHED if is_member1(member) else forced.get(member.pk)
        if status is None:
            r = rng.random()
            status = SUBMITTED if r < 0.05 else RETURNED if r < 0.07 else DRAFT if r < 0.12 else PUBLISHED
        plans.append(Pledge(
            org=org, member=member, status=status, owner=member1 if is_member1(member) else None,
            owner_name=member.name, reviewer=users.get("branch1") if org.path == branch else None,
            reviewer_name=org.secretary, quality=min(0.99, max(0.5, rng.gauss(0.88, 0.08))),
            showcase=is_member1(member),
        ))
    return plans


# --- the seed ------------------------------------------------------------------------------


def seed_commitments(root: Organization, *, campaign: Campaign, rng: random.Random,
                     today: datetime.date | None = None) -> CommitmentsDemo:
    """Pledges, their history, feedback and reviews for `campaign` (which has none yet) in
    the demo county under `root` (see the module docstring); the same for the same `rng`
    seed and day."""
    clock = Clock(rng, campaign, today or timezone.localdate())
    users, paths = _demo_logins()
    township = paths.get("township1") or "\0"
    orgs = [Org(*row) for row in Organization.objects.filter(
        path__startswith=_county(root).path, status=OrgStatus.ACTIVE).order_by("path").values_list(
        "pk", "path", "depth", "level", "sector", "secretary", "code")]
    goals = dict(Goal.objects.filter(is_active=True).values_list("code", "pk"))
    plans = _plan_organisations(rng, orgs, users, paths) + _plan_members(rng, orgs, users, paths)
    history = History(rng, campaign, clock, goals)
    for pledge in plans:
        history.write(pledge)
    photos: list[Evidence] = []
    try:
        with transaction.atomic():
            _insert_pledges(campaign, plans)
            _insert_items(plans)
            _insert_versions(history.versions)
            photos = Evidence.objects.bulk_create(public.evidence_photos(rng, history.updates, township))
            published = [p for p in plans if p.status == PUBLISHED and p.member is None]
            feedback = public.feedback(rng, clock, published, township)
            created = [f.created_at for f in feedback]
            Feedback.objects.bulk_create(feedback)
            for row, at in zip(feedback, created, strict=True):  # saving stamped them with the time of seeding
                row.created_at = at
            Feedback.objects.bulk_update(feedback, ["created_at"])
            reviews = SuperiorReview.objects.bulk_create(public.reviews(rng, clock, published, orgs, users, township))
            demo = _summary(plans, clock.as_of, feedback, len(photos), len(reviews), township)
            audit.record("demo.seed_commitments", by=None, obj=campaign, after={
                "pledges": demo.pledges, "member_pledges": demo.member_pledges, "statuses": demo.statuses,
                "items": demo.items, "feedback": demo.feedback, "photos": demo.photos, "reviews": demo.reviews,
            })
    except Exception:
        for evidence in photos:  # stored, but their rows rolled back
            evidence.file.delete(save=False)
            evidence.thumbnail.delete(save=False)
        raise
    return demo


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain rows into a model's table: COPY on PostgreSQL, executemany elsewhere (as the
    evaluation demo writes its ballots)."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", rows)  # nosec B608 # table and column names come from model _meta, quoted; every value is a bound parameter


def _moment():
    """The backend's adaptation of a datetime, remembered: the versions of one event share its time."""
    return functools.lru_cache(maxsize=None)(connection.ops.adapt_datetimefield_value)


def _insert_pledges(campaign: Campaign, plans: list[Pledge]) -> None:
    moment = _moment()
    _insert(Commitment, (
        "created_at", "updated_at", "campaign", "organization", "member", "status", "submitted_at", "published_at",
        "reviewed_by", "return_reason",
    ), [
        (moment(p.created_at), moment(p.updated_at), campaign.pk, p.org.pk, p.member.pk if p.member else None,
         str(p.status), moment(p.submitted_at), moment(p.published_at), p.reviewed_by_id, p.return_reason)
        for p in plans
    ])
    ids = {
        (org, member): pk for pk, org, member in Commitment.objects.filter(campaign=campaign).values_list(
            "pk", "organization_id", "member_id")
    }
    for pledge in plans:
        pledge.pk = ids[pledge.org.pk, pledge.member.pk if pledge.member else None]


def _insert_items(plans: list[Pledge]) -> None:
    moment, day = _moment(), connection.ops.adapt_datefield_value
    _insert(CommitmentItem, (
        "commitment", "order", "content", "target", "deadline", "category", "goal", "progress", "outcome",
        "outcome_on", "updated_at",
    ), [
        (p.pk, i.order, i.content, i.target, day(i.deadline), str(i.category), i.goal_id, i.progress,
         str(i.outcome), day(i.outcome_on), moment(i.updated_at))
        for p in plans for i in p.items
    ])
    by_pledge = {p.pk: p for p in plans}
    ids = CommitmentItem.objects.filter(commitment_id__in=list(by_pledge)).values_list("commitment_id", "order", "pk")
    for pledge_id, order, pk in ids.iterator(chunk_size=5000):
        by_pledge[pledge_id].items[order - 1].pk = pk


def _insert_versions(versions: list[Version]) -> None:
    moment = _moment()
    _insert(ItemVersion, ("item", "number", "kind", "at", "by", "actor_name", "note", "snapshot"), [
        (v.item.pk, v.number, str(v.kind), moment(v.at), v.by_id, v.actor_name, v.note,
         json.dumps(v.snapshot, ensure_ascii=False))
        for v in versions
    ])


def _summary(plans: list[Pledge], as_of: datetime.date, feedback: list[Feedback], photos_stored: int, reviews: int,
             township: str) -> CommitmentsDemo:
    items = [i for p in plans for i in p.items]
    published = [i for p in plans if p.status == PUBLISHED for i in p.items]
    outcomes = Counter(i.outcome for i in published)
    return CommitmentsDemo(
        pledges=len(plans),
        member_pledges=sum(p.member is not None for p in plans),
        statuses=dict(Counter(p.status for p in plans).most_common()),
        items=len(items),
        delivered=outcomes[Outcome.DELIVERED],
        not_delivered=outcomes[Outcome.NOT_DELIVERED],
        overdue=sum(i.outcome == Outcome.OPEN and i.deadline < as_of for i in published),
        feedback=dict(Counter(f.status for f in feedback).most_common()),
        photos=photos_stored,
        reviews=reviews,
        township1_queue=sum(p.status == SUBMITTED and p.member is None and p.org.path.startswith(township)
                            and p.org.path != township for p in plans),
    )
