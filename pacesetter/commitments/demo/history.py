"""A demo pledge's year: its items, and every event from writing to delivery as item
versions (the timeline), dated as they would have happened. Nothing here touches the
database: pledges, items and versions are plain rows that the package's
`seed_commitments` inserts in bulk (model instances for ~35,000 rows cost seconds)."""
from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from pacesetter.campaigns.models import Campaign
from pacesetter.orgs.enums import OrgLevel

from ..enums import CommitmentStatus, Outcome, VersionKind
from . import texts

DRAFT, SUBMITTED = CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED
RETURNED, PUBLISHED = CommitmentStatus.RETURNED, CommitmentStatus.PUBLISHED
DAY = datetime.timedelta(days=1)

#: Deadlines of items, month ends mostly (weights): a spread over the campaign's second half.
DEADLINES = ((6, 30, 2), (7, 31, 2), (8, 31, 2), (9, 30, 3), (10, 31, 3), (11, 15, 2), (11, 30, 3), (12, 20, 2),
             (12, 31, 4))


@dataclass(frozen=True)
class Org:
    pk: int
    path: str
    depth: int
    level: str
    sector: str
    secretary: str
    code: str


@dataclass(frozen=True)
class Person:
    """A member who pledges (a row, not a model instance: a county has 30,000 members to choose from)."""

    pk: int
    code: str
    name: str
    organization_id: int
    user_id: int | None


@dataclass(slots=True, eq=False)
class Item:
    order: int
    content: str
    target: str
    deadline: datetime.date
    category: str
    goal_id: int | None
    progress: int = 0
    outcome: str = Outcome.OPEN
    outcome_on: datetime.date | None = None
    updated_at: datetime.datetime | None = None
    versions: int = 0
    pk: int | None = None


@dataclass(slots=True, eq=False)
class Version:
    item: Item
    number: int
    kind: str
    at: datetime.datetime
    by_id: int | None
    actor_name: str
    note: str
    snapshot: dict


@dataclass(eq=False)
class Pledge:
    org: Org
    member: Person | None
    status: str
    owner: object | None  # the demo user acting for the owner, if there is one
    owner_name: str
    reviewer: object | None
    reviewer_name: str
    quality: float  # how well it delivers, 0–1
    #: branch1's own pledge and member1's: shown with progress, photos and feedback whatever the draw.
    showcase: bool = False
    items: list[Item] = field(default_factory=list)
    created_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    submitted_at: datetime.datetime | None = None
    published_at: datetime.datetime | None = None
    return_reason: str = ""
    pk: int | None = None

    @property
    def reviewed_by_id(self) -> int | None:
        reviewed = self.status in (RETURNED, PUBLISHED)
        return self.reviewer.pk if reviewed and self.reviewer is not None else None


class Clock:
    """Days and times of the demo's events: in office hours, never later than yesterday."""

    def __init__(self, rng: random.Random, campaign: Campaign, today: datetime.date):
        self.rng = rng
        self.start = campaign.starts_on
        self.as_of = min(today, campaign.ends_on)
        self.last = self.as_of - DAY
        self.tz = timezone.get_current_timezone()

    def day(self, first: datetime.date, last: datetime.date) -> datetime.date:
        first, last = min(first, self.last), min(last, self.last)
        return first + DAY * self.rng.randint(0, max(0, (last - first).days))

    def after(self, day: datetime.date, low: int, high: int) -> datetime.date:
        return min(self.last, day + DAY * self.rng.randint(low, high))

    def at(self, day: datetime.date, not_before: datetime.datetime | None = None) -> datetime.datetime:
        """A time in office hours of `day`, later than `not_before` (minutes later when both fall on one day)."""
        moment = datetime.time(self.rng.randint(8, 17), self.rng.randint(0, 59), self.rng.randint(0, 59))
        at = datetime.datetime.combine(day, moment, tzinfo=self.tz)
        if not_before is not None and at <= not_before:
            at = not_before + datetime.timedelta(minutes=self.rng.randint(5, 90))
        return at


def _deadline(rng: random.Random, year: int) -> datetime.date:
    month, day, _weight = rng.choices(DEADLINES, weights=[w for *_, w in DEADLINES])[0]
    return datetime.date(year, month, day)


def _choose_items(rng: random.Random, org: Org, member: bool) -> list[texts.ItemText]:
    if member:
        own = texts.MEMBER_ITEMS.get(org.sector, ())
        return rng.sample(own, min(len(own), rng.randint(1, 2))) + rng.sample(texts.MEMBER_COMMON, 1)
    pool = list(texts.ORGANISATION_ITEMS.get(org.sector, ()))
    if org.level != OrgLevel.BRANCH:
        pool += texts.LEADING_ITEMS
    count = rng.randint(3, 5)
    common = 1 if count < 5 else 2
    return rng.sample(pool, min(len(pool), count - common)) + rng.sample(texts.COMMON_ITEMS, common)


def _snapshot(item: Item, progress: int, outcome: str) -> dict:
    """What the domain's versions hold (see commitments.domain), at a point of the item's history."""
    return {
        "content": item.content, "target": item.target, "deadline": item.deadline.isoformat(),
        "category": item.category, "goal": item.goal_id, "progress": progress, "outcome": outcome,
    }


class History:
    """Items of the pledges, and every event of their year as item versions."""

    def __init__(self, rng: random.Random, campaign: Campaign, clock: Clock, goals: dict[str, int]):
        self.rng, self.campaign, self.clock, self.goals = rng, campaign, clock, goals
        self.versions: list[Version] = []
        #: (progress update, its pledge), in order: where evidence photos may go.
        self.updates: list[tuple[Version, Pledge]] = []

    def write(self, pledge: Pledge) -> None:
        pledge.items = [
            Item(order=n, content=t.content, target=t.target, deadline=_deadline(self.rng, self.campaign.year),
                 category=t.category, goal_id=self.goals.get(t.goal) if t.goal else None)
            for n, t in enumerate(_choose_items(self.rng, pledge.org, pledge.member is not None), start=1)
        ]
        self._events(pledge)
        pledge.updated_at = max(item.updated_at for item in pledge.items)

    def _version(self, pledge: Pledge, item: Item, kind: str, at: datetime.datetime, *, reviewer: bool = False,
                 note: str = "", progress: int = 0, outcome: str = Outcome.OPEN) -> Version:
        by, name = (pledge.reviewer, pledge.reviewer_name) if reviewer else (pledge.owner, pledge.owner_name)
        item.versions += 1
        item.updated_at = at
        version = Version(item, item.versions, kind, at, by.pk if by else None, by.get_username() if by else name,
                          note, _snapshot(item, progress, outcome))
        self.versions.append(version)
        return version

    def _all(self, pledge: Pledge, kind: str, day: datetime.date, not_before=None, **kwargs) -> datetime.datetime:
        at = self.clock.at(day, not_before)
        for item in pledge.items:
            self._version(pledge, item, kind, at, **kwargs)
        return at

    def _events(self, pledge: Pledge) -> None:
        """Written in March (or lately, for those not published yet), submitted, reviewed;
        some awaiting review were returned in spring and resubmitted lately."""
        clock, rng = self.clock, self.rng
        late = pledge.status in (DRAFT, RETURNED) or (pledge.status == SUBMITTED and rng.random() < 0.7)
        if late:
            created = clock.day(clock.last - 40 * DAY, clock.last - 3 * DAY)
        else:
            created = clock.day(clock.start + 3 * DAY, clock.start + 40 * DAY)
        at = pledge.created_at = self._all(pledge, VersionKind.CREATED, created)
        if pledge.status == DRAFT:
            return
        submitted = clock.after(created, 1, 10)
        if pledge.status == SUBMITTED and not late:
            at = self._all(pledge, VersionKind.SUBMITTED, submitted, at)
            returned = clock.after(submitted, 1, 6)
            at = self._all(pledge, VersionKind.RETURNED, returned, at, reviewer=True,
                           note=rng.choice(texts.RETURN_REASONS))
            edited = clock.day(clock.last - 12 * DAY, clock.last - 6 * DAY)
            at = clock.at(edited, at)
            self._version(pledge, pledge.items[0], VersionKind.EDITED, at)
            submitted = clock.after(edited, 1, 5)
        at = pledge.submitted_at = self._all(pledge, VersionKind.SUBMITTED, submitted, at)
        if pledge.status == SUBMITTED:
            return
        reviewed = clock.after(submitted, 1, 12)
        if pledge.status == RETURNED:
            pledge.return_reason = rng.choice(texts.RETURN_REASONS)
            self._all(pledge, VersionKind.RETURNED, reviewed, at, reviewer=True, note=pledge.return_reason)
            return
        pledge.published_at = self._all(pledge, VersionKind.APPROVED, reviewed, at, reviewer=True)
        for item in pledge.items:
            self._deliver(pledge, item, reviewed)

    def _outcome(self, pledge: Pledge, item: Item, approved: datetime.date):
        """(outcome, progress, day recorded) as of today: past deadlines mostly delivered,
        some not, some overdue; later ones on track, a few delivered early."""
        clock, rng, quality = self.clock, self.rng, pledge.quality
        r = rng.random()
        if item.deadline < clock.as_of:
            if r < quality:
                return Outcome.DELIVERED, 100, clock.day(max(approved + 20 * DAY, item.deadline - 25 * DAY),
                                                         item.deadline)
            if r < quality + (1 - quality) * 0.4:
                return Outcome.NOT_DELIVERED, rng.randint(20, 80), clock.after(item.deadline, 1, 10)
            return Outcome.OPEN, rng.randint(30, 85), None
        if r < 0.12:
            return Outcome.DELIVERED, 100, clock.day(approved + 30 * DAY, clock.last)
        elapsed = (clock.as_of - approved).days / max(1, (item.deadline - approved).days) * 100
        return Outcome.OPEN, min(95, max(10, round(elapsed + rng.gauss(0, 12)))), None

    def _deliver(self, pledge: Pledge, item: Item, approved: datetime.date) -> None:
        """The item's progress updates and outcome since its approval."""
        clock, rng = self.clock, self.rng
        outcome, progress, on = self._outcome(pledge, item, approved)
        updates = rng.choice((0, 1, 1, 2, 2, 3) if outcome == Outcome.OPEN else (0, 1, 1, 2))
        if pledge.showcase or outcome == Outcome.NOT_DELIVERED:
            updates = max(updates, 1)
        if not updates and outcome == Outcome.OPEN:
            progress = 0  # nothing reported yet
        last = on - DAY if on else clock.last
        days = sorted(clock.day(min(approved + 10 * DAY, last), last) for _n in range(updates))
        top = rng.randint(50, 90) if outcome == Outcome.DELIVERED else progress
        values = sorted(rng.randint(10, top) for _n in range(updates))
        if values and outcome != Outcome.DELIVERED:
            values[-1] = top
        at = pledge.published_at
        for day, value in zip(days, values, strict=True):
            note = rng.choice(texts.PROGRESS_NOTES).format(n=rng.randint(2, 9), m=rng.randint(10, 60))
            at = clock.at(day, at)
            version = self._version(pledge, item, VersionKind.PROGRESS, at, note=f"{note}目前完成{value}%。",
                                    progress=value)
            self.updates.append((version, pledge))
        item.progress, item.outcome, item.outcome_on = progress, outcome, on
        if outcome == Outcome.DELIVERED:
            self._version(pledge, item, VersionKind.DELIVERED, clock.at(on, at), note=rng.choice(texts.DELIVERED_NOTES),
                          progress=100, outcome=outcome)
        elif outcome == Outcome.NOT_DELIVERED:
            self._version(pledge, item, VersionKind.NOT_DELIVERED, clock.at(on, at), reviewer=True,
                          note=rng.choice(texts.NOT_DELIVERED_NOTES), progress=progress, outcome=outcome)
