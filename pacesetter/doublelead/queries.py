"""Reads of double-lead members: who sees which, the township statistics and the short
record the honours' nominations take.

**Visibility**: county admins (and superusers) see every double-lead member; organisation
admins and inspectors those of the organisations in their subtrees; a member with a login
sees their own record. Leaders, affiliates and others see none. Enterprises, households,
figures and trainings are seen with their member."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Sum

from pacesetter.orgs.enums import Role
from pacesetter.orgs.queries import paths_q, role_paths

from .enums import EnterpriseKind
from .models import DoubleLeadMember, Enterprise, HelpedHousehold, Training, YearFigures

READING_ROLES = (Role.COUNTY_ADMIN, Role.ORG_ADMIN, Role.INSPECTOR)
TOWNSHIP = "member__organization__township"


def double_lead_members_visible_to(user) -> QuerySet[DoubleLeadMember]:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return DoubleLeadMember.objects.none()
    paths = role_paths(user, READING_ROLES)
    if paths is None:
        return DoubleLeadMember.objects.all()
    return DoubleLeadMember.objects.filter(paths_q(paths, "member__organization__path") | Q(member__user_id=user.pk))


def enterprises_visible_to(user) -> QuerySet[Enterprise]:
    return Enterprise.objects.filter(holder__in=double_lead_members_visible_to(user))


def households_visible_to(user) -> QuerySet[HelpedHousehold]:
    return HelpedHousehold.objects.filter(holder__in=double_lead_members_visible_to(user))


def figures_visible_to(user) -> QuerySet[YearFigures]:
    return YearFigures.objects.filter(holder__in=double_lead_members_visible_to(user))


def trainings_visible_to(user) -> QuerySet[Training]:
    return Training.objects.filter(holder__in=double_lead_members_visible_to(user))


def with_industry(qs: QuerySet[DoubleLeadMember], industry: str) -> QuerySet[DoubleLeadMember]:
    return qs.filter(Exists(Enterprise.objects.filter(holder=OuterRef("pk"), industry=industry)))


def search(qs: QuerySet[DoubleLeadMember], text: str) -> QuerySet[DoubleLeadMember]:
    text = text.strip()
    if not text:
        return qs
    return qs.filter(Q(member__name__icontains=text) | Q(member__code__iexact=text)
                     | Q(enterprises__name__icontains=text)).distinct()


def annotate_counts(qs: QuerySet[DoubleLeadMember]) -> QuerySet[DoubleLeadMember]:
    return qs.annotate(enterprise_count=Count("enterprises", distinct=True),
                       household_count=Count("households", distinct=True))


@dataclass
class YearTotals:
    members: int
    own_income: Decimal
    own_income_avg: Decimal
    helped_income_increase: Decimal
    jobs_created: int


@dataclass
class TownshipRow:
    """One township's counts, kept by year so a page can show them as at the end of any year
    (`as_of`; None: everything registered so far)."""

    township: str
    registered: Counter = field(default_factory=Counter)
    registered_active: Counter = field(default_factory=Counter)
    founded: Counter = field(default_factory=Counter)
    helped_since: Counter = field(default_factory=Counter)
    years: dict[int, YearTotals] = field(default_factory=dict)
    #: year → (trainings given, attendees, hours)
    trainings_by_year: dict[int, tuple[int, int, Decimal]] = field(default_factory=dict)
    as_of: int | None = None

    def _upto(self, by_year: Counter) -> int:
        return sum(n for year, n in by_year.items() if self.as_of is None or year <= self.as_of)

    @property
    def members(self) -> int:
        return self._upto(self.registered)

    @property
    def active(self) -> int:
        return self._upto(self.registered_active)

    @property
    def households(self) -> int:
        return self._upto(self.helped_since)

    def households_by(self, year: int) -> int:
        """Households helped by the end of `year` (helped since then or earlier)."""
        return sum(n for since, n in self.helped_since.items() if since <= year)

    @property
    def enterprises(self) -> dict[str, int]:
        """Enterprises by kind, founded by the end of the year shown."""
        counts: Counter = Counter()
        for (kind, year), n in self.founded.items():
            if self.as_of is None or year <= self.as_of:
                counts[kind] += n
        return dict(counts)

    @property
    def enterprise_total(self) -> int:
        return sum(self.enterprises.values())

    @property
    def trainings(self) -> tuple[int, int, Decimal]:
        """Trainings given in the year shown (every year's with none), their attendees and hours."""
        rows = [t for year, t in self.trainings_by_year.items() if self.as_of is None or year == self.as_of]
        return sum(t[0] for t in rows), sum(t[1] for t in rows), sum((t[2] for t in rows), Decimal(0))

    @property
    def figures(self) -> YearTotals | None:
        """The figures of the year shown, if its members reported any."""
        return None if self.as_of is None else self.years.get(self.as_of)


@dataclass
class Statistics:
    rows: list[TownshipRow]
    #: Years with figures, oldest first.
    years: list[int]
    year: int | None = None

    def kind_counts(self, row: TownshipRow) -> list[int]:
        return [row.enterprises.get(kind, 0) for kind in EnterpriseKind.values]

    def as_of(self, year: int | None) -> Statistics:
        """The counts as at the end of `year`: members registered, enterprises founded and
        households helped by then, and that year's figures."""
        self.year = year
        for row in self.rows:
            row.as_of = year
        return self


def _totals(values: dict) -> YearTotals:
    return YearTotals(members=values["n"], own_income=values["income"], own_income_avg=values["income_avg"]
                      .quantize(Decimal("0.01")), helped_income_increase=values["increase"], jobs_created=values["jobs"])


def statistics(members: QuerySet[DoubleLeadMember]) -> Statistics:
    """Per township (of the member's organisation): members, enterprises by kind and helped
    households, each by the year they started, each year's sums and averages and trainings,
    computed by the database in five queries. `Statistics.as_of(year)` picks the year to show."""
    rows: dict[str, TownshipRow] = defaultdict(lambda: TownshipRow(""))
    for values in members.order_by().values(TOWNSHIP, "registered_on__year").annotate(
            n=Count("id"), live=Count("id", filter=Q(active=True))):
        row = rows[values[TOWNSHIP]]
        row.registered[values["registered_on__year"]] = values["n"]
        row.registered_active[values["registered_on__year"]] = values["live"]
    for values in Enterprise.objects.filter(holder__in=members).order_by() \
            .values(f"holder__{TOWNSHIP}", "kind", "founded_year").annotate(n=Count("id")):
        rows[values[f"holder__{TOWNSHIP}"]].founded[values["kind"], values["founded_year"]] = values["n"]
    for values in HelpedHousehold.objects.filter(holder__in=members).order_by() \
            .values(f"holder__{TOWNSHIP}", "since_year").annotate(n=Count("id")):
        rows[values[f"holder__{TOWNSHIP}"]].helped_since[values["since_year"]] = values["n"]
    years: set[int] = set()
    for values in YearFigures.objects.filter(holder__in=members).order_by().values(f"holder__{TOWNSHIP}", "year") \
            .annotate(n=Count("id"), income=Sum("own_income"), income_avg=Avg("own_income"),
                      increase=Sum("helped_income_increase"), jobs=Sum("jobs_created")):
        rows[values[f"holder__{TOWNSHIP}"]].years[values["year"]] = _totals(values)
        years.add(values["year"])
    for values in Training.objects.filter(holder__in=members).order_by() \
            .values(f"holder__{TOWNSHIP}", "held_on__year") \
            .annotate(n=Count("id"), attendees=Sum("attendees"), hours=Sum("hours")):
        rows[values[f"holder__{TOWNSHIP}"]].trainings_by_year[values["held_on__year"]] = (
            values["n"], values["attendees"], values["hours"])
    for township, row in rows.items():
        row.township = township
    return Statistics(rows=sorted(rows.values(), key=lambda r: r.township), years=sorted(years))


def county_years(members: QuerySet[DoubleLeadMember]) -> list[tuple[int, YearTotals]]:
    """The yearly sums and averages over all the members given, oldest year first."""
    found = YearFigures.objects.filter(holder__in=members).order_by("year").values("year").annotate(
        n=Count("id"), income=Sum("own_income"), income_avg=Avg("own_income"),
        increase=Sum("helped_income_increase"), jobs=Sum("jobs_created"))
    return [(values["year"], _totals(values)) for values in found]


def record_of(member) -> dict | None:
    """A double-lead member's short record for a nomination's snapshot: enterprises, helped
    households and the latest year's figures; None when the member is not registered."""
    holder = DoubleLeadMember.objects.filter(member=member).first()
    if holder is None:
        return None
    latest = holder.figures.order_by("-year").first()
    return {
        "registered_on": holder.registered_on.isoformat(),
        "active": holder.active,
        "enterprises": [{"name": e.name, "kind": e.kind, "industry": e.industry, "employees": e.employees}
                        for e in holder.enterprises.order_by("name", "id")],
        "households_helped": holder.households.count(),
        "latest_year": None if latest is None else {
            "year": latest.year, "own_income": str(latest.own_income),
            "helped_income_increase": str(latest.helped_income_increase), "jobs_created": latest.jobs_created,
        },
    }
