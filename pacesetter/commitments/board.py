"""Reads of the public notice board (公示): published pledges only, for anyone, no login.

Everything here starts from `queries.public_commitments()`, so a draft, submitted or
returned pledge can never reach a public page. Each page costs a fixed number of queries
whatever its size: the summary is one GROUP BY, a page of organisations brings its
pledges and their items with one query each.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from pacesetter.campaigns.models import Campaign
from pacesetter.orgs.models import Organization

from .enums import Category, CommitmentStatus, DeliveryStatus, FeedbackStatus, Outcome
from .models import Commitment, CommitmentItem, Feedback
from .queries import annotate_delivery, overdue_q, public_commitments, today

#: Search terms kept from one query, and the length of each.
MAX_TERMS = 5
MAX_TERM_LENGTH = 50
#: Spaces that separate search terms: ASCII ones and the ideographic space (U+3000) of
#: Chinese input methods, which NFKC folds into a plain space.
_SPACES = re.compile(r"\s+")


def search_terms(text: str) -> list[str]:
    """The words of a search, NFKC-normalised so full-width letters and digits (ＡＢＣ１２)
    find their half-width forms. Chinese has no spaces between words, so each term is
    matched as a substring (`icontains`), never split further."""
    text = unicodedata.normalize("NFKC", text or "")
    terms = [term[:MAX_TERM_LENGTH] for term in _SPACES.split(text.strip()) if term]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def board_campaigns() -> QuerySet[Campaign]:
    """Campaigns with at least one published pledge, newest first."""
    return Campaign.objects.filter(Exists(public_commitments().filter(campaign=OuterRef("pk"))))


def organization_campaigns(org: Organization) -> QuerySet[Campaign]:
    """Campaigns in which `org` or one of its members has a published pledge."""
    return Campaign.objects.filter(Exists(public_commitments().filter(campaign=OuterRef("pk"), organization=org)))


def public_organizations() -> QuerySet[Organization]:
    """Organisations that have (or whose members have) a published pledge in any campaign."""
    return Organization.objects.filter(Exists(public_commitments().filter(organization=OuterRef("pk"))))


# --- The summary -----------------------------------------------------------------------


@dataclass
class Tally:
    """Counts of one row of the summary."""

    label: str
    key: str = ""
    organizations: int = 0
    items: int = 0
    delivered: int = 0
    overdue: int = 0

    def add(self, row: dict) -> None:
        self.organizations += row["organizations"]
        self.items += row["items"]
        self.delivered += row["delivered"]
        self.overdue += row["overdue"]

    @property
    def delivered_percent(self) -> int:
        return round(100 * self.delivered / self.items) if self.items else 0


@dataclass
class Summary:
    total: Tally
    by_township: list[Tally] = field(default_factory=list)
    by_sector: list[Tally] = field(default_factory=list)

    @property
    def townships(self) -> list[str]:
        return [t.key for t in self.by_township]


def summary_rows(campaign: Campaign, day: datetime.date | None = None) -> list[dict]:
    """One row per (township, sector) with published pledges: organisations, items,
    delivered and overdue items. One aggregate query."""
    day = day or today()
    org = "commitment__organization"
    return list(
        CommitmentItem.objects.filter(commitment__campaign=campaign, commitment__status=CommitmentStatus.PUBLISHED)
        .values(township=F(f"{org}__township"), sector=F(f"{org}__sector"))
        .annotate(
            organizations=Count(org, distinct=True),
            items=Count("pk"),
            delivered=Count("pk", filter=Q(outcome=Outcome.DELIVERED)),
            overdue=Count("pk", filter=overdue_q(day)),
        )
        .order_by("township", "sector")
    )


def summarise(rows: list[dict], *, sector_labels: dict[str, str], no_township: str, total_label: str) -> Summary:
    """The summary's tables by township and by sector, added up from `summary_rows`.

    An organisation has one township and one sector, so the distinct counts of the rows
    add up without counting any organisation twice."""
    summary = Summary(total=Tally(total_label))
    townships: dict[str, Tally] = {}
    sectors: dict[str, Tally] = {}
    for row in rows:
        summary.total.add(row)
        township = row["township"] or ""
        townships.setdefault(township, Tally(township or no_township, key=township)).add(row)
        sectors.setdefault(row["sector"], Tally(sector_labels.get(row["sector"], row["sector"]), key=row["sector"])).add(row)
    summary.by_township = list(townships.values())  # in the database's order, like the board's list
    summary.by_sector = [sectors[key] for key in sector_labels if key in sectors]
    return summary


# --- Organisations and their pledges ---------------------------------------------------


def board_organizations(campaign: Campaign, *, township: str | None = None, sector: str = "",
                        text: str = "") -> QuerySet[Organization]:
    """Organisations with a published pledge (their own or a member's) in `campaign`,
    narrowed by township, sector and search terms, in township then tree order.

    `township` None means any; "" means organisations without a township (county level).
    Every search term must match the organisation's name, or the content or target of
    one of its published items, or the name of a member whose pledge it is."""
    published = public_commitments().filter(campaign=campaign)
    orgs = Organization.objects.filter(Exists(published.filter(organization=OuterRef("pk"))))
    if township is not None:
        orgs = orgs.filter(township=township)
    if sector:
        orgs = orgs.filter(sector=sector)
    for term in search_terms(text):
        # A term without letters that have a case (Chinese, digits) is matched as it is:
        # on PostgreSQL that spares an UPPER() of every text compared.
        lookup = "contains" if term.lower() == term.upper() else "icontains"
        # One scan of the campaign's published items per term, not one per organisation: a
        # plain IN (subquery), with the pledge's conditions on the join itself.
        matching = CommitmentItem.objects.filter(
            Q(**{f"content__{lookup}": term}) | Q(**{f"target__{lookup}": term})
            | Q(**{f"commitment__member__name__{lookup}": term}),
            commitment__campaign=campaign, commitment__status=CommitmentStatus.PUBLISHED,
        ).values("commitment__organization")
        orgs = orgs.filter(Q(**{f"name__{lookup}": term}) | Q(pk__in=matching))
    return orgs.only("id", "code", "name", "township", "sector").order_by("township", "path")


#: What the public pages show of an item; loading only these keeps a page of a few hundred
#: items cheap (no timestamps to convert).
ITEM_FIELDS = ("id", "commitment_id", "order", "content", "target", "deadline", "category", "goal__name", "progress",
               "outcome")


def _items() -> QuerySet[CommitmentItem]:
    return annotate_delivery(
        CommitmentItem.objects.select_related("goal").only(*ITEM_FIELDS).order_by("order", "id")
    )


def _pledges(campaign: Campaign) -> QuerySet[Commitment]:
    """Published pledges of a campaign, the organisation's own first, then members' by name."""
    return (
        public_commitments()
        .filter(campaign=campaign)
        .select_related("member")
        .order_by(F("member").asc(nulls_first=True), "member__name", "id")
        .prefetch_related(Prefetch("items", queryset=_items(), to_attr="public_items"))
    )


def with_pledges(orgs: QuerySet[Organization], campaign: Campaign) -> QuerySet[Organization]:
    """Each organisation gets `own_pledges` (its own published pledge of the campaign, with
    `public_items`) and `member_pledges` (its members', with their item counts): three
    queries for any number of organisations, and members' items are not loaded at all."""
    own = (
        public_commitments()
        .filter(campaign=campaign, member__isnull=True)
        .only("id", "organization_id", "member_id")
        .prefetch_related(Prefetch("items", queryset=_items(), to_attr="public_items"))
    )
    members = (
        public_commitments()
        .filter(campaign=campaign, member__isnull=False)
        .select_related("member")
        .only("id", "organization_id", "member__name")
        .annotate(
            item_count=Count("items"),
            delivered_count=Count("items", filter=Q(items__outcome=Outcome.DELIVERED)),
            overdue_count=Count("items", filter=overdue_q(today(), "items__")),
        )
        .order_by("member__name", "id")
    )
    return orgs.prefetch_related(
        Prefetch("commitments", queryset=own, to_attr="own_pledges"),
        Prefetch("commitments", queryset=members, to_attr="member_pledges"),
    )


@dataclass
class Counts:
    items: int = 0
    delivered: int = 0
    overdue: int = 0

    def add(self, other: Counts) -> None:
        self.items += other.items
        self.delivered += other.delivered
        self.overdue += other.overdue


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    """Delivery statuses and categories in the current language."""
    return ({value: str(label) for value, label in DeliveryStatus.choices},
            {value: str(label) for value, label in Category.choices})


def prepare(pledges: list[Commitment], labels: tuple[dict[str, str], dict[str, str]] | None = None) -> Counts:
    """Give each prefetched pledge its `counts` (items, delivered, overdue) and each item
    its translated labels, looked up once here instead of once per item in the template;
    return the counts of all the pledges. No query."""
    statuses, categories = labels or _labels()
    total = Counts()
    for pledge in pledges:
        pledge.counts = Counts()
        for item in pledge.public_items:
            item.status_label = statuses[item.delivery]
            item.category_label = categories.get(item.category, item.category)
            pledge.counts.items += 1
            pledge.counts.delivered += item.delivery == DeliveryStatus.DELIVERED
            pledge.counts.overdue += item.delivery == DeliveryStatus.OVERDUE
        total.add(pledge.counts)
    return total


@dataclass
class Entry:
    """An organisation on the board: its own pledge's items in full, its members' pledges
    as one line each with their counts (their items are on the organisation's page), so a
    page costs the same to draw however many members an organisation has."""

    org: Organization
    own: list[Commitment]
    members: list[Commitment]
    counts: Counts


def entries(orgs: list[Organization]) -> list[Entry]:
    """The board's entries of organisations loaded by `with_pledges`. No query."""
    result, labels = [], _labels()
    for org in orgs:
        counts = prepare(org.own_pledges, labels)
        for pledge in org.member_pledges:
            pledge.counts = Counts(pledge.item_count, pledge.delivered_count, pledge.overdue_count)
            counts.add(pledge.counts)
        result.append(Entry(org, org.own_pledges, org.member_pledges, counts))
    return result


def organization_pledges(org: Organization, campaign: Campaign) -> list[Commitment]:
    """The published pledges of `org` and its members in `campaign`, with their items."""
    pledges = list(_pledges(campaign).filter(organization=org))
    for pledge in pledges:
        pledge.organization = org  # for owner_name, without a query per pledge
    return pledges


# --- Public feedback and the item's page -------------------------------------------------


def shown_feedback_on(commitments) -> QuerySet[Feedback]:
    """Feedback let through by a moderator on any of `commitments`, newest first."""
    return (
        Feedback.objects.filter(commitment__in=commitments, status=FeedbackStatus.SHOWN)
        .select_related("item", "commitment__member")
        .order_by("-created_at", "-id")
    )


def public_item(pk: int) -> CommitmentItem | None:
    """An item of a published pledge, with its delivery status; None if there is none."""
    return (
        annotate_delivery(CommitmentItem.objects.filter(commitment__in=public_commitments()))
        .select_related("commitment__organization", "commitment__member", "commitment__campaign", "goal")
        .filter(pk=pk)
        .first()
    )
