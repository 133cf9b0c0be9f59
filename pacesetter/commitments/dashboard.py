"""Figures of the commitments dashboard: how the published pledges of a campaign are being
delivered, inside what a user sees.

Only items of PUBLISHED pledges count: drafts and pledges under review have promised
nothing in public yet. The fulfilment rate is delivered ÷ (decided or due): an item counts
once its outcome is recorded or its deadline has passed, so items still on time neither
help nor hurt, and an overdue item counts against the rate until it is delivered. It is
the rule of the evaluation's "commitment fulfilment rate" record indicator
(`sources.fulfilment_rates`), and a test holds the two together.

Each table is one GROUP BY query with filtered counts (COUNT … FILTER), whatever the number
of organisations; the overdue list is a page of rows with their pledge, organisation and
member joined in.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from pacesetter.campaigns.models import Campaign
from pacesetter.orgs.enums import Sector

from .enums import CommitmentStatus, Outcome
from .models import CommitmentItem
from .queries import items_visible_to, overdue_q

ORGANISATION, MEMBER = "organisation", "member"
KINDS = ((ORGANISATION, _("organisations' pledges")), (MEMBER, _("members' pledges")))

#: Orders of the overdue list: key → (label, ORDER BY).
OVERDUE_SORTS = {
    "overdue": (_("most overdue first"), ("deadline", "commitment__organization__path", "order", "id")),
    "recent": (_("most recently overdue first"), ("-deadline", "commitment__organization__path", "order", "id")),
    "progress": (_("least progress first"), ("progress", "deadline", "order", "id")),
    "organisation": (_("organisation"), (
        "commitment__organization__path", F("commitment__member__name").asc(nulls_first=True), "commitment_id",
        "order", "id",
    )),
}
DEFAULT_OVERDUE_SORT = "overdue"


@dataclass(frozen=True)
class Figures:
    """One row of a dashboard table: a township, a sector, a kind of pledge, or all."""

    key: str
    label: str
    pledges: int = 0
    items: int = 0
    delivered: int = 0
    not_delivered: int = 0
    overdue: int = 0
    on_track: int = 0
    rated: int = 0  # decided or due: the rate's denominator

    @property
    def rate(self) -> float | None:
        """Delivered ÷ (decided or due), 0–1; None while nothing is decided or due."""
        return fulfilment_rate(self.delivered, self.rated)

    @property
    def percent(self) -> float | None:
        return None if self.rate is None else round(self.rate * 100, 1)


def fulfilment_rate(delivered: int, rated: int) -> float | None:
    return delivered / rated if rated else None


def rated_q(day: datetime.date, prefix: str = "") -> Q:
    """Items the rate counts on `day`: outcome recorded, or deadline passed."""
    return ~Q(**{f"{prefix}outcome": Outcome.OPEN}) | Q(**{f"{prefix}deadline__lt": day})


def published_items(user, campaign: Campaign) -> QuerySet[CommitmentItem]:
    """The items of the campaign's published pledges that `user` sees."""
    return items_visible_to(user).filter(commitment__campaign=campaign, commitment__status=CommitmentStatus.PUBLISHED)


def kind_case() -> Case:
    return Case(
        When(commitment__member__isnull=True, then=Value(ORGANISATION)), default=Value(MEMBER), output_field=CharField()
    )


def filter_items(items: QuerySet[CommitmentItem], *, township: str = "", sector: str = "",
                 kind: str = "") -> QuerySet[CommitmentItem]:
    """The dashboard's filters; blank means any."""
    if township:
        items = items.filter(commitment__organization__township=township)
    if sector:
        items = items.filter(commitment__organization__sector=sector)
    if kind:
        items = items.filter(commitment__member__isnull=kind == ORGANISATION)
    return items


def _counts(day: datetime.date) -> dict:
    return {
        "pledges": Count("commitment", distinct=True),
        "items": Count("pk"),
        "delivered": Count("pk", filter=Q(outcome=Outcome.DELIVERED)),
        "not_delivered": Count("pk", filter=Q(outcome=Outcome.NOT_DELIVERED)),
        "overdue": Count("pk", filter=overdue_q(day)),
        "on_track": Count("pk", filter=Q(outcome=Outcome.OPEN, deadline__gte=day)),
        "rated": Count("pk", filter=rated_q(day)),
    }


def _grouped(items: QuerySet[CommitmentItem], key, day: datetime.date) -> dict[str, dict]:
    """Counts per value of `key` (a field path or an expression): one GROUP BY."""
    rows = items.order_by().annotate(group=F(key) if isinstance(key, str) else key).values("group")
    return {row.pop("group"): row for row in rows.annotate(**_counts(day))}


def totals(items: QuerySet[CommitmentItem], day: datetime.date) -> Figures:
    return Figures("", str(_("All")), **items.order_by().aggregate(**_counts(day)))


def summed(rows: list[Figures]) -> Figures:
    """The totals of a table whose rows part the items (each item in exactly one row, as
    townships, sectors and kinds do), without another query."""
    names = ("pledges", "items", "delivered", "not_delivered", "overdue", "on_track", "rated")
    return Figures("", str(_("All")), **{name: sum(getattr(row, name) for row in rows) for name in names})


def by_township(items: QuerySet[CommitmentItem], day: datetime.date) -> list[Figures]:
    """Townships by name, organisations without a township last."""
    groups = _grouped(items, "commitment__organization__township", day)
    names = sorted(name for name in groups if name)
    rows = [Figures(name, name, **groups[name]) for name in names]
    if "" in groups:
        rows.append(Figures("", str(_("no township")), **groups[""]))
    return rows


def by_sector(items: QuerySet[CommitmentItem], day: datetime.date) -> list[Figures]:
    """Sectors in their usual order; those without a published item are left out."""
    groups = _grouped(items, "commitment__organization__sector", day)
    return [Figures(value, str(label), **groups[value]) for value, label in Sector.choices if value in groups]


def by_kind(items: QuerySet[CommitmentItem], day: datetime.date) -> list[Figures]:
    """Organisations' pledges against members' pledges, both rows always shown."""
    groups = _grouped(items, kind_case(), day)
    return [Figures(key, str(label), **groups.get(key, {})) for key, label in KINDS]


def monthly_deliveries(items: QuerySet[CommitmentItem]) -> list[tuple[datetime.date, int]]:
    """Items delivered per month (by the day the outcome was recorded), months without a
    delivery in between included, so a chart's axis is even. Grouped by day in the
    database (a few hundred rows a year) and by month here: SQLite truncates dates to
    months with a Python function called once per item."""
    rows = (
        items.filter(outcome=Outcome.DELIVERED, outcome_on__isnull=False).order_by()
        .values("outcome_on").annotate(n=Count("pk")).values_list("outcome_on", "n")
    )
    found: dict[tuple[int, int], int] = {}
    for day, n in rows:
        found[(day.year, day.month)] = found.get((day.year, day.month), 0) + n
    if not found:
        return []
    (year, month), last = min(found), max(found)
    months = []
    while (year, month) <= last:
        months.append((datetime.date(year, month, 1), found.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def overdue_items(items: QuerySet[CommitmentItem], day: datetime.date,
                  sort: str = DEFAULT_OVERDUE_SORT) -> QuerySet[CommitmentItem]:
    """Open items whose deadline has passed, with what a row shows joined in."""
    order = OVERDUE_SORTS.get(sort, OVERDUE_SORTS[DEFAULT_OVERDUE_SORT])[1]
    return (
        items.filter(overdue_q(day))
        .select_related("commitment__organization", "commitment__member")
        .order_by(*order)
    )


def days_overdue(item: CommitmentItem, day: datetime.date) -> int:
    return (day - item.deadline).days
