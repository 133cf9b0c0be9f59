"""Writes of affiliate units and their honours; each is one transaction with its audit entry."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.orgs.models import Organization
from pacesetter.orgs.validators import CODE_RE

from .. import rules as l_rules
from ..enums import AffiliateKind, HonourRecipient
from ..models import AffiliateHonour, AffiliateUnit
from .common import count, forbid, optional_text, past_date, refuse, required_text

UNIT_FIELDS = ("kind", "code", "name", "organization", "members_count", "head_name", "established", "active")
HONOUR_FIELDS = ("year", "title", "recipient", "person_name", "awarded_by")
#: The earliest year an honour may carry.
FIRST_YEAR = 1949


def _unit_values(*, kind, name, organization, members_count, head_name, established) -> dict:
    if kind not in AffiliateKind.values:
        refuse(_("Choose a kind: Youth League, trade union or women's federation."), "kind_invalid")
    if not isinstance(organization, Organization) or not organization.is_active:
        refuse(_("Affiliates are linked to an active party organisation."), "organization_inactive")
    return {
        "kind": kind, "organization": organization,
        "name": required_text(name, field=_("Name"), limit=100),
        "members_count": count(members_count, field=_("Members")),
        "head_name": optional_text(head_name, field=_("Head"), limit=50),
        "established": past_date(established, field=_("Established"), required=False),
    }


def create_unit(*, by, kind: str, code: str, name: str, organization: Organization, members_count: int = 0,
                head_name: str = "", established: datetime.date | None = None) -> AffiliateUnit:
    """Link a new affiliate unit to a party organisation of the actor's subtree."""
    code = code.strip() if isinstance(code, str) else ""
    if not CODE_RE.match(code):
        refuse(_("A code is 1–32 letters, digits, dots, dashes or underscores."), "code_invalid")
    values = _unit_values(kind=kind, name=name, organization=organization, members_count=members_count,
                          head_name=head_name, established=established)
    forbid(l_rules.can_manage_units(by, organization),
           _("Only county admins and the party organisation's admins add its affiliates."))
    with transaction.atomic():
        if AffiliateUnit.objects.filter(code=code).exists():
            refuse(_("The code %(code)s is taken.") % {"code": code}, "code_taken")
        unit = AffiliateUnit.objects.create(code=code, **values)
        audit.record("linkage.unit.create", by=by, obj=unit, after=audit.snapshot(unit, UNIT_FIELDS))
    return unit


def update_unit(unit: AffiliateUnit, *, by, kind: str, name: str, organization: Organization,
                members_count: int, head_name: str, established: datetime.date | None,
                active: bool) -> AffiliateUnit:
    """Change a unit; moving it to another party organisation needs rights over both."""
    values = _unit_values(kind=kind, name=name, organization=organization, members_count=members_count,
                          head_name=head_name, established=established)
    forbid(l_rules.can_edit_unit(by, unit) and l_rules.can_manage_units(by, organization),
           _("Only county admins and the party organisation's admins edit its affiliates."))
    with transaction.atomic():
        unit = AffiliateUnit.objects.select_for_update().get(pk=unit.pk)
        before = audit.snapshot(unit, UNIT_FIELDS)
        for name_, value in {**values, "active": bool(active)}.items():
            setattr(unit, name_, value)
        unit.save(update_fields=[f for f in UNIT_FIELDS if f != "code"])
        audit.record("linkage.unit.update", by=by, obj=unit, before=before, after=audit.snapshot(unit, UNIT_FIELDS))
    return unit


def _honour_values(*, year, title, recipient, person_name, awarded_by) -> dict:
    this_year = timezone.localdate().year
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= this_year:
        refuse(_("The year is from %(first)d to %(last)d.") % {"first": FIRST_YEAR, "last": this_year},
               "year_invalid")
    if recipient not in HonourRecipient.values:
        refuse(_("Choose whether the honour went to the collective or to a person."), "recipient_invalid")
    person = optional_text(person_name, field=_("Person"), limit=50)
    if recipient == HonourRecipient.INDIVIDUAL and not person:
        refuse(_("Name the person who received the honour."), "person_required")
    if recipient == HonourRecipient.COLLECTIVE and person:
        refuse(_("A collective honour names no person."), "person_collective")
    return {"year": year, "recipient": recipient, "person_name": person,
            "title": required_text(title, field=_("Honour"), limit=100),
            "awarded_by": required_text(awarded_by, field=_("Awarded by"), limit=100)}


def add_honour(unit: AffiliateUnit, *, by, year: int, title: str, recipient: str = HonourRecipient.COLLECTIVE,
               person_name: str = "", awarded_by: str) -> AffiliateHonour:
    """An honour of the unit's own system (五四红旗团支部, 模范职工之家, 三八红旗手…)."""
    values = _honour_values(year=year, title=title, recipient=recipient, person_name=person_name,
                            awarded_by=awarded_by)
    forbid(l_rules.can_record_for_unit(by, unit), _("Only the unit's admins record its honours."))
    with transaction.atomic():
        honour = AffiliateHonour.objects.create(unit=unit, **values)
        audit.record("linkage.honour.add", by=by, obj=honour, after=audit.snapshot(honour, ("unit", *HONOUR_FIELDS)))
    return honour


def update_honour(honour: AffiliateHonour, *, by, year: int, title: str, recipient: str, person_name: str,
                  awarded_by: str) -> AffiliateHonour:
    values = _honour_values(year=year, title=title, recipient=recipient, person_name=person_name,
                            awarded_by=awarded_by)
    forbid(l_rules.can_edit_honour(by, honour), _("Only the unit's admins edit its honours."))
    with transaction.atomic():
        honour = AffiliateHonour.objects.select_for_update().select_related("unit").get(pk=honour.pk)
        before = audit.snapshot(honour, HONOUR_FIELDS)
        for name_, value in values.items():
            setattr(honour, name_, value)
        honour.save(update_fields=list(HONOUR_FIELDS))
        audit.record("linkage.honour.update", by=by, obj=honour, before=before,
                     after=audit.snapshot(honour, HONOUR_FIELDS))
    return honour
