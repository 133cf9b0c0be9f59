"""Every write of double-lead records: one function each, in its own transaction, with its
audit entry. Each checks the acting user with the rules predicates first."""
from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError

from . import rules as dl_rules
from .enums import EnterpriseKind, HelpKind
from .models import DoubleLeadMember, Enterprise, HelpedHousehold, Training, YearFigures

FIRST_YEAR = 1949
MAX_MONEY = Decimal("99999999.99")


def refuse(message: str, code: str):
    raise DomainError(message, code=code)


def forbid(allowed: bool) -> None:
    if not allowed:
        raise PermissionDeniedError(_("You may not change this double-lead member's record."), code="forbidden")


def _text(value, *, field: str, limit: int, required: bool = True) -> str:
    value = value.strip() if isinstance(value, str) else ""
    if required and not value:
        refuse(_("%(field)s is required.") % {"field": field}, "required")
    if len(value) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit}, "too_long")
    return value


def _year(value, *, field: str) -> int:
    this_year = timezone.localdate().year
    if isinstance(value, bool) or not isinstance(value, int) or not FIRST_YEAR <= value <= this_year:
        refuse(_("%(field)s is a year from %(first)d to %(last)d.") % {"field": field, "first": FIRST_YEAR,
                                                                       "last": this_year}, "year")
    return value


def _count(value, *, field: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= 1_000_000:
        refuse(_("%(field)s is a whole number of at least %(min)d.") % {"field": field, "min": minimum}, "count")
    return value


def _money(value, *, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        amount = Decimal("NaN")
    if not amount.is_finite() or not Decimal(0) <= amount <= MAX_MONEY:
        refuse(_("%(field)s is an amount of 10,000 yuan, zero or more.") % {"field": field}, "money")
    return amount.quantize(Decimal("0.01"))


def _choice(value, choices, *, field: str) -> str:
    if value not in choices.values:
        refuse(_("Choose a valid %(field)s.") % {"field": field}, "choice")
    return value


@transaction.atomic
def register_double_lead(member, *, by, registered_on: datetime.date | None = None,
                         note: str = "") -> DoubleLeadMember:
    """Register a rural member of an organisation in the admin's subtree, once."""
    forbid(dl_rules.can_register_member(by, member))
    if not member.is_rural:
        refuse(_("%(member)s is not a rural member; only rural members are double-lead members.")
               % {"member": member}, "not_rural")
    if DoubleLeadMember.objects.filter(member=member).exists():
        refuse(_("%(member)s is already a double-lead member.") % {"member": member}, "registered")
    today = timezone.localdate()
    registered_on = registered_on or today
    if registered_on > today:
        refuse(_("The registration date cannot be in the future."), "date")
    holder = DoubleLeadMember.objects.create(member=member, registered_on=registered_on, registered_by=by,
                                             note=_text(note, field=_("Note"), limit=500, required=False))
    audit.record("doublelead.member.register", by=by, obj=holder,
                 after=audit.jsonable({"member": member.code, "registered_on": registered_on, "note": holder.note}))
    return holder


@transaction.atomic
def update_double_lead(holder: DoubleLeadMember, *, by, active: bool, note: str = "") -> DoubleLeadMember:
    forbid(dl_rules.can_edit_double_lead(by, holder))
    fields = ["active", "note"]
    before = audit.snapshot(holder, fields)
    holder.active, holder.note = bool(active), _text(note, field=_("Note"), limit=500, required=False)
    holder.save(update_fields=[*fields, "updated_at"])
    audit.record("doublelead.member.update", by=by, obj=holder, before=before, after=audit.snapshot(holder, fields))
    return holder


def _enterprise_fields(name, kind, industry, founded_year, employees) -> dict:
    return {"name": _text(name, field=_("Name"), limit=100),
            "kind": _choice(kind, EnterpriseKind, field=_("kind")),
            "industry": _text(industry, field=_("Industry"), limit=50),
            "founded_year": _year(founded_year, field=_("Founded in")),
            "employees": _count(employees, field=_("Employees"))}


def _household_fields(head_name, village, since_year, help_kind, note) -> dict:
    return {"head_name": _text(head_name, field=_("Head of household"), limit=50),
            "village": _text(village, field=_("Village"), limit=50),
            "since_year": _year(since_year, field=_("Helped since")),
            "help_kind": _choice(help_kind, HelpKind, field=_("way of helping")),
            "note": _text(note, field=_("Note"), limit=200, required=False)}


def _figures_fields(own_income, helped_income_increase, jobs_created) -> dict:
    return {"own_income": _money(own_income, field=_("Own income")),
            "helped_income_increase": _money(helped_income_increase,
                                             field=_("Income increase of helped households")),
            "jobs_created": _count(jobs_created, field=_("Jobs created"))}


def _training_fields(held_on, title, attendees, hours) -> dict:
    if not isinstance(held_on, datetime.date) or held_on > timezone.localdate():
        refuse(_("A training's date is a day that has passed."), "date")
    try:
        length = Decimal(str(hours))
    except (InvalidOperation, ValueError):
        length = Decimal("NaN")
    if not length.is_finite() or not Decimal("0.5") <= length <= Decimal(200):
        refuse(_("A training lasts from 0.5 to 200 hours."), "hours")
    return {"held_on": held_on, "title": _text(title, field=_("Title"), limit=200),
            "attendees": _count(attendees, field=_("Attendees"), minimum=1), "hours": length.quantize(Decimal("0.1"))}


def _add(model, holder, *, by, action: str, values: dict):
    forbid(dl_rules.can_edit_double_lead(by, holder))
    part = model.objects.create(holder=holder, **values)
    audit.record(action, by=by, obj=part, after=audit.jsonable({"holder": holder.member.code, **values}))
    return part


def _update(part, *, by, action: str, values: dict):
    forbid(dl_rules.can_edit_part(by, part))
    before = audit.snapshot(part, list(values))
    for name, value in values.items():
        setattr(part, name, value)
    part.save(update_fields=[*values, "updated_at"])
    audit.record(action, by=by, obj=part, before=before, after=audit.jsonable(values))
    return part


@transaction.atomic
def add_enterprise(holder: DoubleLeadMember, *, by, name: str, kind: str, industry: str, founded_year: int,
                   employees: int) -> Enterprise:
    return _add(Enterprise, holder, by=by, action="doublelead.enterprise.add",
                values=_enterprise_fields(name, kind, industry, founded_year, employees))


@transaction.atomic
def update_enterprise(enterprise: Enterprise, *, by, name: str, kind: str, industry: str, founded_year: int,
                      employees: int) -> Enterprise:
    return _update(enterprise, by=by, action="doublelead.enterprise.update",
                   values=_enterprise_fields(name, kind, industry, founded_year, employees))


@transaction.atomic
def add_household(holder: DoubleLeadMember, *, by, head_name: str, village: str, since_year: int, help_kind: str,
                  note: str = "") -> HelpedHousehold:
    return _add(HelpedHousehold, holder, by=by, action="doublelead.household.add",
                values=_household_fields(head_name, village, since_year, help_kind, note))


@transaction.atomic
def update_household(household: HelpedHousehold, *, by, head_name: str, village: str, since_year: int,
                     help_kind: str, note: str = "") -> HelpedHousehold:
    return _update(household, by=by, action="doublelead.household.update",
                   values=_household_fields(head_name, village, since_year, help_kind, note))


@transaction.atomic
def record_figures(holder: DoubleLeadMember, *, by, year: int, own_income, helped_income_increase,
                   jobs_created: int) -> YearFigures:
    """A year's figures, once per member and year (a correction edits them)."""
    forbid(dl_rules.can_edit_double_lead(by, holder))
    values = {"year": _year(year, field=_("Year")),
              **_figures_fields(own_income, helped_income_increase, jobs_created)}
    DoubleLeadMember.objects.select_for_update().filter(pk=holder.pk).first()
    if holder.figures.filter(year=year).exists():
        refuse(_("The figures of %(year)d are already recorded; edit them instead.") % {"year": year},
               "year_taken")
    return _add(YearFigures, holder, by=by, action="doublelead.figures.add", values=values)


@transaction.atomic
def update_figures(figures: YearFigures, *, by, own_income, helped_income_increase,
                   jobs_created: int) -> YearFigures:
    return _update(figures, by=by, action="doublelead.figures.update",
                   values=_figures_fields(own_income, helped_income_increase, jobs_created))


@transaction.atomic
def add_training(holder: DoubleLeadMember, *, by, held_on: datetime.date, title: str, attendees: int,
                 hours) -> Training:
    return _add(Training, holder, by=by, action="doublelead.training.add",
                values=_training_fields(held_on, title, attendees, hours))


@transaction.atomic
def update_training(training: Training, *, by, held_on: datetime.date, title: str, attendees: int,
                    hours) -> Training:
    return _update(training, by=by, action="doublelead.training.update",
                   values=_training_fields(held_on, title, attendees, hours))
