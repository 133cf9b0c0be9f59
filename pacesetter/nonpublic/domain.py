"""Every write of the registry: one function each, in its own transaction, with its audit
entry. Each checks the acting user with the rules predicates first, and every organisation
or member it is given must lie in the user's view."""
from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.uploads import check_upload
from pacesetter.orgs.models import Member, Organization
from pacesetter.orgs.queries import members_visible_to, organizations_visible_to

from . import queries
from . import rules as np_rules
from .enums import EntityKind, Industry, PartyStatus
from .models import (
    CheckEvidence,
    ChecklistCheck,
    ChecklistItem,
    EstablishPlan,
    NonpublicEntity,
    StatusPeriod,
)
from .validators import normalise_credit_code, validate_credit_code

#: Evidence files one check keeps in all (the API takes them in one upload or several).
MAX_EVIDENCE = 9
ENTITY_FIELDS = ["kind", "name", "credit_code", "industry", "township", "employees", "party_members", "instructor"]
MAX_COUNT = 1_000_000


def refuse(message: str, code: str):
    raise DomainError(message, code=code)


def forbid(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDeniedError(message or _("You may not change this entity."), code="forbidden")


def _text(value, *, field: str, limit: int, required: bool = True) -> str:
    value = value.strip() if isinstance(value, str) else ""
    if required and not value:
        refuse(_("%(field)s is required.") % {"field": field}, "required")
    if len(value) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit}, "too_long")
    return value


def _count(value, *, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        refuse(_("%(field)s is a whole number from 0 to %(max)d.") % {"field": field, "max": MAX_COUNT}, "count")
    return value


def _choice(value, choices, *, field: str, code: str) -> str:
    if value not in choices.values:
        refuse(_("Choose a valid %(field)s.") % {"field": field}, code)
    return value


def _credit_code(value, *, entity: NonpublicEntity | None = None) -> str:
    code = normalise_credit_code(value)
    try:
        validate_credit_code(code)
    except ValidationError as error:
        raise DomainError(error.messages[0], code="credit_code") from None
    taken = NonpublicEntity.objects.filter(credit_code=code)
    if entity is not None:
        taken = taken.exclude(pk=entity.pk)
    if taken.exists():
        refuse(_("An entity with the credit code %(code)s is already registered.") % {"code": code}, "credit_code")
    return code


def _township(value) -> Organization:
    """Any township of the county: who may register there is decided by the rules."""
    if not isinstance(value, Organization) or not queries.is_township(value):
        refuse(_("Choose a township (a township party committee)."), "township")
    return value


def _member(value, *, by, field: str, code: str, required: bool) -> Member | None:
    if value is None and not required:
        return None
    if not isinstance(value, Member) or not members_visible_to(by).filter(pk=value.pk).exists():
        refuse(_("Choose a party member you see as %(field)s.") % {"field": field}, code)
    return value


def _status(status, covering, *, by) -> tuple[str, Organization | None]:
    status = _choice(status, PartyStatus, field=_("party-organisation status"), code="status")
    if status == PartyStatus.NONE:
        if covering is not None:
            refuse(_("An entity without a party organisation has no covering organisation."), "covering")
        return status, None
    if not isinstance(covering, Organization):
        refuse(_("Name the party organisation that covers the entity."), "covering")
    if not covering.is_active or not organizations_visible_to(by).filter(pk=covering.pk).exists():
        refuse(_("The covering organisation must be an active organisation you see."), "covering")
    return status, covering


def _day(value, *, field: str, not_before: datetime.date | None = None) -> datetime.date:
    today = timezone.localdate()
    if not isinstance(value, datetime.date):
        refuse(_("%(field)s is a date.") % {"field": field}, "date")
    if value > today:
        refuse(_("%(field)s cannot be in the future.") % {"field": field}, "date")
    if not_before is not None and value < not_before:
        refuse(_("%(field)s cannot be before %(day)s, when the current status began.")
               % {"field": field, "day": not_before.isoformat()}, "date")
    return value


def _entity_values(*, by, kind, name, credit_code, industry, township, employees, party_members, instructor,
                   entity=None) -> dict:
    values = {
        "kind": _choice(kind, EntityKind, field=_("kind"), code="kind"),
        "name": _text(name, field=_("Name"), limit=100),
        "credit_code": _credit_code(credit_code, entity=entity),
        "industry": _choice(industry, Industry, field=_("industry"), code="industry"),
        "township": _township(township),
        "employees": _count(employees, field=_("Employees")),
        "party_members": _count(party_members, field=_("Party members")),
        "instructor": _member(instructor, by=by, field=_("instructor"), code="instructor", required=False),
    }
    if values["party_members"] > values["employees"]:
        refuse(_("An entity cannot have more party members than employees."), "party_members")
    return values


def _locked(entity: NonpublicEntity) -> NonpublicEntity:
    """The entity's row locked (only its own: the covering organisation may be null, and
    PostgreSQL locks no outer-joined row)."""
    return NonpublicEntity.objects.select_for_update(of=("self",)).select_related("township", "covering").get(
        pk=entity.pk)


def _entity_audit(entity: NonpublicEntity) -> dict:
    return audit.snapshot(entity, [*ENTITY_FIELDS, "status", "status_since", "covering"])


@transaction.atomic
def register_entity(*, by, kind: str, name: str, credit_code: str, industry: str, township: Organization,
                    employees: int, party_members: int, status: str = PartyStatus.NONE,
                    covering: Organization | None = None, instructor: Member | None = None,
                    registered_on: datetime.date | None = None) -> NonpublicEntity:
    """Add an entity to the registry; its status history starts on `registered_on`."""
    forbid(np_rules.can_register(by))
    values = _entity_values(by=by, kind=kind, name=name, credit_code=credit_code, industry=industry,
                            township=township, employees=employees, party_members=party_members,
                            instructor=instructor)
    status, covering = _status(status, covering, by=by)
    if status != PartyStatus.NONE:
        values["instructor"] = None
    day = _day(registered_on or timezone.localdate(), field=_("Registered on"))
    entity = NonpublicEntity(**values, status=status, covering=covering, status_since=day)
    forbid(np_rules.can_edit_entity(by, entity),
           _("The township or the covering organisation must be inside the organisations you manage."))
    entity.save()
    StatusPeriod.objects.create(entity=entity, status=status, covering=covering, valid_from=day, recorded_by=by,
                                note=_("registered"))
    audit.record("nonpublic.entity.register", by=by, obj=entity, after=_entity_audit(entity))
    return entity


@transaction.atomic
def update_entity(entity: NonpublicEntity, *, by, kind: str, name: str, credit_code: str, industry: str,
                  township: Organization, employees: int, party_members: int,
                  instructor: Member | None) -> NonpublicEntity:
    """Change what the registry says of an entity, its status aside (change_status)."""
    entity = _locked(entity)
    forbid(np_rules.can_edit_entity(by, entity))
    before = _entity_audit(entity)
    values = _entity_values(by=by, kind=kind, name=name, credit_code=credit_code, industry=industry,
                            township=township, employees=employees, party_members=party_members,
                            instructor=instructor, entity=entity)
    if entity.status != PartyStatus.NONE and values["instructor"] is not None:
        refuse(_("An instructor is assigned to an entity without a party organisation only."), "instructor")
    for name_, value in values.items():
        setattr(entity, name_, value)
    forbid(np_rules.can_edit_entity(by, entity),
           _("The township or the covering organisation must be inside the organisations you manage."))
    entity.save(update_fields=[*ENTITY_FIELDS, "updated_at"])
    audit.record("nonpublic.entity.update", by=by, obj=entity, before=before, after=_entity_audit(entity))
    return entity


@transaction.atomic
def change_status(entity: NonpublicEntity, *, by, status: str, covering: Organization | None,
                  on: datetime.date, note: str = "") -> NonpublicEntity:
    """Record a change of party-organisation status from the day `on`: the open period ends
    there and a new one begins. Becoming covered completes the open establishing plan and
    releases the instructor."""
    entity = _locked(entity)
    forbid(np_rules.can_edit_entity(by, entity))
    status, covering = _status(status, covering, by=by)
    note = _text(note, field=_("Note"), limit=200, required=False)
    current = StatusPeriod.objects.select_for_update().get(entity=entity, valid_to__isnull=True)
    on = _day(on, field=_("Date of the change"), not_before=current.valid_from)
    if status == entity.status and covering == entity.covering:
        refuse(_("The entity already has this status."), "unchanged")
    before = _entity_audit(entity)
    current.valid_to = on
    current.save(update_fields=["valid_to"])
    StatusPeriod.objects.create(entity=entity, status=status, covering=covering, valid_from=on, recorded_by=by,
                                note=note)
    entity.status, entity.covering, entity.status_since = status, covering, on
    fields = ["status", "covering", "status_since", "updated_at"]
    if status != PartyStatus.NONE:
        entity.instructor = None
        fields.append("instructor")
        EstablishPlan.objects.filter(entity=entity, done_on__isnull=True).update(done_on=on)
    entity.save(update_fields=fields)
    audit.record("nonpublic.entity.status", by=by, obj=entity, before=before,
                 after={**_entity_audit(entity), "note": note})
    return entity


def _plan_values(entity, *, by, target_date, instructor, steps) -> dict:
    if not isinstance(target_date, datetime.date):
        refuse(_("The target date is a date."), "target_date")
    return {"target_date": target_date,
            "instructor": _member(instructor, by=by, field=_("responsible instructor"), code="instructor",
                                  required=True),
            "steps": _text(steps, field=_("Steps"), limit=2000)}


@transaction.atomic
def create_plan(entity: NonpublicEntity, *, by, target_date: datetime.date, instructor: Member,
                steps: str) -> EstablishPlan:
    """抓组建: a plan for an entity without a party organisation; one open plan at a time."""
    entity = _locked(entity)
    forbid(np_rules.can_edit_entity(by, entity))
    if entity.status != PartyStatus.NONE:
        refuse(_("The entity already has a party organisation: no establishing plan is needed."), "covered")
    if EstablishPlan.objects.filter(entity=entity, done_on__isnull=True).exists():
        refuse(_("The entity already has an open establishing plan: change that one."), "open_plan")
    values = _plan_values(entity, by=by, target_date=target_date, instructor=instructor, steps=steps)
    if values["target_date"] < timezone.localdate():
        refuse(_("The target date cannot be in the past."), "target_date")
    plan = EstablishPlan.objects.create(entity=entity, created_by=by, **values)
    audit.record("nonpublic.plan.create", by=by, obj=plan,
                 after=audit.snapshot(plan, ["entity", "target_date", "instructor", "steps"]))
    return plan


@transaction.atomic
def update_plan(plan: EstablishPlan, *, by, target_date: datetime.date, instructor: Member,
                steps: str) -> EstablishPlan:
    plan = EstablishPlan.objects.select_for_update(of=("self",)).select_related(
        "entity__township", "entity__covering").get(pk=plan.pk)
    forbid(np_rules.can_edit_plan(by, plan))
    if plan.done_on is not None:
        refuse(_("This plan is done and no longer changes."), "done")
    fields = ["target_date", "instructor", "steps"]
    before = audit.snapshot(plan, fields)
    for name, value in _plan_values(plan.entity, by=by, target_date=target_date, instructor=instructor,
                                    steps=steps).items():
        setattr(plan, name, value)
    plan.save(update_fields=[*fields, "updated_at"])
    audit.record("nonpublic.plan.update", by=by, obj=plan, before=before, after=audit.snapshot(plan, fields))
    return plan


@transaction.atomic
def record_check(organization: Organization, item: ChecklistItem, *, by, met: bool, note: str = "",
                 evidence=()) -> ChecklistCheck:
    """抓规范: check one item at a covering organisation today, with evidence files already
    checked by core.uploads.check_upload."""
    forbid(np_rules.can_check(by, organization), _("You may not check this organisation."))
    if not item.active:
        refuse(_("This checklist item is no longer in use."), "item")
    values = {"met": bool(met), "note": _text(note, field=_("Note"), limit=200, required=False),
              "checked_on": timezone.localdate(), "checked_by": by}
    check = ChecklistCheck.objects.select_for_update().filter(organization=organization, item=item).first()
    before = None if check is None else audit.snapshot(check, ["met", "note", "checked_on", "checked_by"])
    if check is None:
        check = ChecklistCheck.objects.create(organization=organization, item=item, **values)
    else:
        for name, value in values.items():
            setattr(check, name, value)
        check.save(update_fields=[*values, "updated_at"])
    files = CheckEvidence.store(evidence, check_row=check, uploaded_by=by)
    audit.record("nonpublic.check.record", by=by, obj=check, before=before, after={
        **audit.snapshot(check, ["organization", "item", "met", "note", "checked_on", "checked_by"]),
        "evidence": [f.original_name for f in files]})
    return check


def _discard(stored: list[CheckEvidence]) -> None:
    for row in stored:
        row.file.delete(save=False)
        if row.thumbnail:
            row.thumbnail.delete(save=False)


def add_evidence(check: ChecklistCheck, *, by, files: Sequence) -> list[CheckEvidence]:
    """Evidence added to a check on its own (the API's upload): photos and documents as the
    page's check form takes them, each checked by core.uploads.check_upload (photos stored
    re-encoded without EXIF or GPS), at most MAX_EVIDENCE in all; nothing is kept unless
    every file passes."""
    forbid(np_rules.can_check(by, check.organization), _("You may not check this organisation."))
    if not files:
        refuse(_("Choose at least one file."), "files_required")
    stored: list[CheckEvidence] = []
    try:
        with transaction.atomic():
            check = ChecklistCheck.objects.select_for_update().select_related("item").get(pk=check.pk)
            if not check.item.active:
                refuse(_("This checklist item is no longer in use."), "item")
            if check.evidence.count() + len(files) > MAX_EVIDENCE:
                refuse(_("A check keeps at most %(n)d evidence files.") % {"n": MAX_EVIDENCE}, "too_many_files")
            checked = [check_upload(f) for f in files]
            stored = CheckEvidence.store(checked, check_row=check, uploaded_by=by)
            audit.record("nonpublic.check.evidence", by=by, obj=check,
                         after={"evidence_added": [{"name": f.original_name, "sha256": f.sha256} for f in stored]})
    except Exception:
        _discard(stored)
        raise
    return stored


@transaction.atomic
def add_checklist_item(*, by, name: str, order: int = 0) -> ChecklistItem:
    forbid(np_rules.can_manage_items(by), _("Only county admins extend the checklist."))
    name = _text(name, field=_("Name"), limit=100)
    if ChecklistItem.objects.filter(name=name).exists():
        refuse(_("The checklist already has this item."), "name")
    item = ChecklistItem.objects.create(name=name, order=_count(order, field=_("Order")))
    audit.record("nonpublic.item.add", by=by, obj=item, after=audit.snapshot(item, ["name", "order", "active"]))
    return item
