"""Writes of pairings and their help logs.

Each kind has its shape (checked in `_check_shape`): one-helps-one pairs one party with one
of the same type; hand-in-hand pairs organisations many to many; fixed-point liaison has a
county-level leader or an agency organisation helping organisations; fixed-point mentoring
has one helper of any type; urban-rural pairing has agency, school, health or enterprise
organisations helping village or community organisations.
"""
from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.uploads import PHOTO, check_upload
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.models import Leader, Member, Organization

from .. import rules as p_rules
from ..enums import RURAL_SECTORS, URBAN_SECTORS, PairingKind, PairingState, PartySide
from ..models import HelpLog, HelpPhoto, Pairing, PairingParty

MAX_PARTIES = 50
MAX_PHOTOS = 9
GOALS_LIMIT = 2000


def refuse(message: str, code: str):
    raise DomainError(message, code=code)


def forbid(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message, code="forbidden")


def _text(value, *, field: str, limit: int, required: bool = True) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if required and not text:
        refuse(_("%(field)s is required.") % {"field": field}, "required")
    if len(text) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit}, "too_long")
    return text


def _all_orgs(parties: Sequence) -> bool:
    return all(isinstance(p, Organization) for p in parties)


def _check_shape(kind: str, helpers: Sequence, helped: Sequence) -> None:
    if not helpers or not helped:
        refuse(_("A pairing needs at least one helper and one helped party."), "parties_missing")
    if len(helpers) + len(helped) > MAX_PARTIES:
        refuse(_("A pairing has at most %(n)d parties.") % {"n": MAX_PARTIES}, "parties_many")
    keys = [(type(p).__name__, p.pk) for p in [*helpers, *helped]]
    if len(set(keys)) != len(keys):
        refuse(_("A party appears twice."), "party_twice")
    if kind == PairingKind.ONE_HELPS_ONE:
        if len(helpers) != 1 or len(helped) != 1 or type(helpers[0]) is not type(helped[0]) \
                or isinstance(helpers[0], Leader):
            refuse(_("One helps one pairs one member with one member, or one organisation with one."), "shape")
    elif kind == PairingKind.HAND_IN_HAND:
        if not (_all_orgs(helpers) and _all_orgs(helped)):
            refuse(_("Hand in hand pairs organisations with organisations."), "shape")
    elif kind == PairingKind.FIXED_POINT_LIAISON:
        helper = helpers[0]
        agency = isinstance(helper, Organization) and helper.sector == Sector.AGENCY
        if len(helpers) != 1 or not (isinstance(helper, Leader) or agency) or not _all_orgs(helped):
            refuse(_("Fixed-point liaison has one county-level leader or agency helping organisations."), "shape")
    elif kind == PairingKind.FIXED_POINT_MENTORING:
        if len(helpers) != 1:
            refuse(_("Fixed-point mentoring has one helper."), "shape")
    elif kind == PairingKind.URBAN_RURAL:
        if not (_all_orgs(helpers) and _all_orgs(helped)
                and all(h.sector in URBAN_SECTORS for h in helpers)
                and all(h.sector in RURAL_SECTORS for h in helped)):
            refuse(_("Urban-rural pairing has agency, school, health or enterprise organisations helping "
                     "village or community organisations."), "shape")
    else:
        refuse(_("Unknown kind of pairing."), "kind")


def _period(starts_on, ends_on) -> None:
    if not isinstance(starts_on, datetime.date):
        refuse(_("The start day is required."), "required")
    if ends_on is not None and ends_on < starts_on:
        refuse(_("The end day is before the start day."), "period_order")


def _party(pairing: Pairing, side: str, party) -> PairingParty:
    field = {Organization: "organization", Member: "member", Leader: "leader"}.get(type(party))
    if field is None:
        refuse(_("A party is an organisation, a party member or a county-level leader."), "party_type")
    return PairingParty(pairing=pairing, side=side, **{field: party})


def _create(*, kind, goals, starts_on, ends_on, helpers, helped, by) -> Pairing:
    goals = _text(goals, field=_("Goals"), limit=GOALS_LIMIT)
    _period(starts_on, ends_on)
    _check_shape(kind, helpers, helped)
    pairing = Pairing.objects.create(kind=kind, goals=goals, starts_on=starts_on, ends_on=ends_on, created_by=by)
    PairingParty.objects.bulk_create(
        [_party(pairing, PartySide.HELPER, p) for p in helpers] + [_party(pairing, PartySide.HELPED, p) for p in helped]
    )
    return pairing


def _snapshot(pairing: Pairing) -> dict:
    data = audit.snapshot(pairing, ["kind", "goals", "starts_on", "ends_on", "state", "end_reason", "replaced_by"])
    data["parties"] = [[p.side, str(p.party)] for p in pairing.parties.all()]
    return data


def create_pairing(*, kind: str, goals: str, starts_on: datetime.date, helpers: Sequence, helped: Sequence,
                   ends_on: datetime.date | None = None, by) -> Pairing:
    forbid(p_rules.can_manage_pairings(by), _("Only county admins create pairings."))
    with transaction.atomic():
        pairing = _create(kind=kind, goals=goals, starts_on=starts_on, ends_on=ends_on,
                          helpers=helpers, helped=helped, by=by)
        audit.record("pairing.create", by=by, obj=pairing, after=_snapshot(pairing))
    return pairing


def _locked_active(pairing: Pairing) -> Pairing:
    locked = Pairing.objects.select_for_update().get(pk=pairing.pk)
    if locked.state != PairingState.ACTIVE:
        refuse(_("This pairing has already ended."), "not_active")
    return locked


def update_pairing(pairing: Pairing, *, goals: str, ends_on: datetime.date | None, by) -> Pairing:
    """Change an active pairing's goals and planned end; its parties stay (replace it instead)."""
    forbid(p_rules.can_manage_pairings(by), _("Only county admins change pairings."))
    with transaction.atomic():
        locked = _locked_active(pairing)
        before = _snapshot(locked)
        locked.goals = _text(goals, field=_("Goals"), limit=GOALS_LIMIT)
        _period(locked.starts_on, ends_on)
        locked.ends_on = ends_on
        locked.save(update_fields=["goals", "ends_on", "updated_at"])
        audit.record("pairing.update", by=by, obj=locked, before=before, after=_snapshot(locked))
    return locked


def _finish(locked: Pairing, *, on, reason: str, state: str) -> None:
    if not isinstance(on, datetime.date) or on < locked.starts_on:
        refuse(_("The end day is before the start day."), "period_order")
    if on > timezone.localdate():
        refuse(_("A pairing cannot end in the future."), "end_future")
    locked.state, locked.ends_on = state, on
    locked.end_reason = _text(reason, field=_("Reason for ending"), limit=200)


def end_pairing(pairing: Pairing, *, on: datetime.date, reason: str, by) -> Pairing:
    """End an active pairing on a day; it and its logs stay as history."""
    forbid(p_rules.can_manage_pairings(by), _("Only county admins end pairings."))
    with transaction.atomic():
        locked = _locked_active(pairing)
        before = _snapshot(locked)
        _finish(locked, on=on, reason=reason, state=PairingState.ENDED)
        locked.save(update_fields=["state", "ends_on", "end_reason", "updated_at"])
        audit.record("pairing.end", by=by, obj=locked, before=before, after=_snapshot(locked))
    return locked


def replace_pairing(pairing: Pairing, *, on: datetime.date, reason: str, goals: str, helpers: Sequence,
                    helped: Sequence, kind: str | None = None, ends_on: datetime.date | None = None, by) -> Pairing:
    """End a pairing as replaced by a new one starting the same day (a new helper, say)."""
    forbid(p_rules.can_manage_pairings(by), _("Only county admins replace pairings."))
    with transaction.atomic():
        locked = _locked_active(pairing)
        before = _snapshot(locked)
        _finish(locked, on=on, reason=reason, state=PairingState.REPLACED)
        new = _create(kind=kind or locked.kind, goals=goals, starts_on=on, ends_on=ends_on,
                      helpers=helpers, helped=helped, by=by)
        locked.replaced_by = new
        locked.save(update_fields=["state", "ends_on", "end_reason", "replaced_by", "updated_at"])
        audit.record("pairing.replace", by=by, obj=locked, before=before, after=_snapshot(locked))
        audit.record("pairing.create", by=by, obj=new, after=_snapshot(new))
    return new


def _money(value) -> Decimal:
    try:
        money = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        refuse(_("Money is an amount in yuan."), "money_invalid")
    if not money.is_finite() or money < 0 or money >= Decimal("1e10") or money != money.quantize(Decimal("0.01")):
        refuse(_("Money is an amount in yuan, at least 0, with at most two decimals."), "money_invalid")
    return money


def log_help(pairing: Pairing, *, date: datetime.date, activity: str, people: int = 0, money=0, goods: str = "",
             photos: Sequence = (), by) -> HelpLog:
    """Record a visit or help given, with up to MAX_PHOTOS photos (re-encoded, no EXIF)."""
    forbid(p_rules.can_log_help(by, pairing), _("Only the helper side's organisation admins log help."))
    if not isinstance(date, datetime.date) or date > timezone.localdate():
        refuse(_("The day of the visit is required and not in the future."), "date_invalid")
    if date < pairing.starts_on or (pairing.ends_on and date > pairing.ends_on):
        refuse(_("The day lies outside the pairing's period."), "date_outside")
    if isinstance(people, bool) or not isinstance(people, int) or not 0 <= people <= 100000:
        refuse(_("People is a whole number from 0."), "people_invalid")
    if len(photos) > MAX_PHOTOS:
        refuse(_("At most %(n)d photos.") % {"n": MAX_PHOTOS}, "photos_many")
    activity = _text(activity, field=_("What was done"), limit=2000)
    goods = _text(goods, field=_("Goods"), limit=200, required=False)
    money = _money(money)
    checked = [check_upload(f, allowed=(PHOTO,)) for f in photos]
    with transaction.atomic():
        locked = Pairing.objects.select_for_update().get(pk=pairing.pk)
        if locked.state != PairingState.ACTIVE:
            refuse(_("This pairing has already ended."), "not_active")
        log = HelpLog.objects.create(pairing=locked, date=date, activity=activity, people=people, money=money,
                                     goods=goods, logged_by=by)
        HelpPhoto.store(checked, log=log)
        audit.record("pairing.log", by=by, obj=log, after={
            **audit.snapshot(log, ["pairing", "date", "activity", "people", "money", "goods"]),
            "photos": [c.sha256 for c in checked],
        })
    return log
