"""Party-organisation coverage (党组织覆盖面): the share of entities, and of their employees,
that have a party organisation (their own or a joint branch).

Everything is counted by the database: the current figures from the entities' status, per
township or industry in one GROUP BY; the figures as of past days from the status periods,
every day a set of filtered aggregates of the same single query. Employee counts are the
entities' current ones (the registry keeps no history of head counts)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from .enums import Industry, PartyStatus
from .models import NonpublicEntity, StatusPeriod

TOWNSHIP_KEY, TOWNSHIP_LABEL = "township_id", "township__township"


@dataclass(frozen=True)
class Coverage:
    label: str
    entities: int
    covered: int
    employees: int
    covered_employees: int
    key: str | int | None = None

    @property
    def rate(self) -> float | None:
        return None if not self.entities else self.covered / self.entities

    @property
    def employee_rate(self) -> float | None:
        return None if not self.employees else self.covered_employees / self.employees

    @property
    def uncovered(self) -> int:
        return self.entities - self.covered


_COVERED = ~Q(status=PartyStatus.NONE)
_NOW = {"n": Count("id"), "cov": Count("id", filter=_COVERED), "emp": Sum("employees"),
        "cemp": Sum("employees", filter=_COVERED)}


def _row(label, values: dict, prefix: str = "", key=None) -> Coverage:
    return Coverage(label=label, entities=values[f"{prefix}n"] or 0, covered=values[f"{prefix}cov"] or 0,
                    employees=values[f"{prefix}emp"] or 0, covered_employees=values[f"{prefix}cemp"] or 0, key=key)


def total(entities: QuerySet[NonpublicEntity], label: str = "") -> Coverage:
    return _row(label, entities.order_by().aggregate(**_NOW))


def by_township(entities: QuerySet[NonpublicEntity]) -> list[Coverage]:
    rows = entities.order_by().values(TOWNSHIP_KEY, TOWNSHIP_LABEL, "township__path").annotate(**_NOW).order_by(
        "township__path")
    return [_row(values[TOWNSHIP_LABEL], values, key=values[TOWNSHIP_KEY]) for values in rows]


def by_industry(entities: QuerySet[NonpublicEntity]) -> list[Coverage]:
    labels = dict(Industry.choices)
    rows = entities.order_by().values("industry").annotate(**_NOW).order_by("industry")
    return [_row(str(labels.get(values["industry"], values["industry"])), values, key=values["industry"])
            for values in rows]


def month_ends(today: datetime.date | None = None, months: int = 12) -> list[datetime.date]:
    """The last day of each of the `months` months up to this one; this month's is today."""
    today = today or timezone.localdate()
    days = [today]
    first = today.replace(day=1)
    while len(days) < months:
        last = first - datetime.timedelta(days=1)
        days.append(last)
        first = last.replace(day=1)
    return days[::-1]


def _as_of(day: datetime.date, i: int) -> dict:
    live = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    covered = live & _COVERED
    return {f"d{i}n": Count("id", filter=live), f"d{i}cov": Count("id", filter=covered),
            f"d{i}emp": Sum("entity__employees", filter=live), f"d{i}cemp": Sum("entity__employees", filter=covered)}


def _aggregates(days: list[datetime.date]) -> dict:
    aggregates: dict = {}
    for i, day in enumerate(days):
        aggregates.update(_as_of(day, i))
    return aggregates


def _periods(entities: QuerySet[NonpublicEntity], days: list[datetime.date]) -> QuerySet[StatusPeriod]:
    return StatusPeriod.objects.filter(entity__in=entities.order_by().values("pk"), valid_from__lte=max(days)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=min(days))).order_by()


def as_of(entities: QuerySet[NonpublicEntity], days: list[datetime.date]) -> list[Coverage]:
    """Coverage of the entities as it stood at the end of each day given: one query."""
    if not days:
        return []
    values = _periods(entities, days).aggregate(**_aggregates(days))
    return [_row(day.isoformat(), values, prefix=f"d{i}", key=day) for i, day in enumerate(days)]


def as_of_by_township(entities: QuerySet[NonpublicEntity], days: list[datetime.date]) -> list[tuple[str, list[Coverage]]]:
    """The same per township (of the entity), one query: (township, [coverage per day])."""
    if not days:
        return []
    rows = _periods(entities, days).values("entity__township__township", "entity__township__path").annotate(
        **_aggregates(days)).order_by("entity__township__path")
    return [(values["entity__township__township"],
             [_row(day.isoformat(), values, prefix=f"d{i}", key=day) for i, day in enumerate(days)])
            for values in rows]
