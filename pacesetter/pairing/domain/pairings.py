"""Writes of pairings and their help logs.

Each kind has its shape (checked in `_check_shape`): one-helps-one pairs one party with one
of the same type; hand-in-hand pairs organisations many to many; fixed-point liaison has a
county-level leader or an agency organisation helping organisations; fixed-point mentoring
has one helper of any type; urban-rural pairing has agency, school, health or enterprise
organisations helping village or community organisations.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


def _text(value, *, field: str, limit: int, code: str, required: bool = True) -> str:
    """Trimmed text; refusal codes start with `code` (goals_required, reason_too_long…)."""
    text = (value or "").strip() if isinstance(value, str) else ""
    if required and not text:
        refuse(_("%(field)s is required.") % {"field": field}, f"{code}_required")
    if len(text) > limit:
        refuse(_("%(field)s is longer than %(limit)d characters.") % {"field": field, "limit": limit},
               f"{code}_too_long")
    return text


def _orgs_of(sectors) -> Callable[[Sequence], bool]:
    return lambda parties: all(isinstance(p, Organization) and (sectors is None or p.sector in sectors)
                               for p in parties)


def _one(allowed: Callable) -> Callable[[Sequence], bool]:
    return lambda parties: len(parties) == 1 and allowed(parties[0])


#: kind → (its rule, the test of the helper side, the test of the helped side given the helpers).
SHAPES = {
    PairingKind.ONE_HELPS_ONE: (
        gettext_lazy("One helps one pairs one member with one member, or one organisation with one."),
        _one(lambda p: isinstance(p, (Member, Organization))),
        lambda helpers, helped: len(helped) == 1 and type(helped[0]) is type(helpers[0]),
    ),
    PairingKind.HAND_IN_HAND: (
        gettext_lazy("Hand in hand pairs organisations with organisations."),
        _orgs_of(None), lambda helpers, helped: _orgs_of(None)(helped),
    ),
    PairingKind.FIXED_POINT_LIAISON: (
        gettext_lazy("Fixed-point liaison has one county-level leader or agency helping organisations."),
        _one(lambda p: isinstance(p, Leader) or (isinstance(p, Organization) and p.sector == Sector.AGENCY)),
        lambda helpers, helped: _orgs_of(None)(helped),
    ),
    PairingKind.FIXED_POINT_MENTORING: (
        gettext_lazy("Fixed-point mentoring has one helper."), _one(lambda p: True), lambda helpers, helped: True,
    ),
    PairingKind.URBAN_RURAL: (
        gettext_lazy("Urban-rural pairing has agency, school, health or enterprise organisations helping "
                     "village or community organisations."),
        _orgs_of(URBAN_SECTORS), lambda helpers, helped: _orgs_of(RURAL_SECTORS)(helped),
    ),
}


def _check_shape(kind: str, helpers: Sequence, helped: Sequence) -> None:
    """Refusals name the side at fault in their code (shape_helpers, shape_helped), so forms
    and the API show them beside that side's input."""
    if kind not in SHAPES:
        refuse(_("Unknown kind of pairing."), "kind")
    if not helpers:
        refuse(_("A pairing needs at least one helper."), "helpers_missing")
    if not helped:
        refuse(_("A pairing needs at least one helped party."), "helped_missing")
    if len(helpers) + len(helped) > MAX_PARTIES:
        refuse(_("A pairing has at most %(n)d parties.") % {"n": MAX_PARTIES}, "helped_many")
    keys = [(type(p).__name__, p.pk) for p in [*helpers, *helped]]
    if len(set(keys)) != len(keys):
        refuse(_("A party appears twice."), "party_twice")
    rule, helpers_ok, helped_ok = SHAPES[kind]
    if not helpers_ok(helpers):
        refuse(str(rule), "shape_helpers")
    if not helped_ok(helpers, helped):
        refuse(str(rule), "shape_helped")


def _period(starts_on, ends_on) -> None:
    if not isinstance(starts_on, datetime.date):
        refuse(_("The start day is required."), "starts_on_required")
    if ends_on is not None and ends_on < starts_on:
        refuse(_("The end day is before the start day."), "period_order")


def _party(pairing: Pairing, side: str, party) -> PairingParty:
    field = {Organization: "organization", Member: "member", Leader: "leader"}.get(type(party))
    if field is None:
        refuse(_("A party is an organisation, a party member or a county-level leader."), "party_type")
    return PairingParty(pairing=pairing, side=side, **{field: party})


def _create(*, kind, goals, starts_on, ends_on, helpers, helped, by) -> Pairing:
    goals = _text(goals, field=_("Goals"), limit=GOALS_LIMIT, code="goals")
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
        locked.goals = _text(goals, field=_("Goals"), limit=GOALS_LIMIT, code="goals")
        _period(locked.starts_on, ends_on)
        locked.ends_on = ends_on
        locked.save(update_fields=["goals", "ends_on", "updated_at"])
        audit.record("pairing.update", by=by, obj=locked, before=before, after=_snapshot(locked))
    return locked


def _finish(locked: Pairing, *, on, reason: str, state: str) -> None:
    if not isinstance(on, datetime.date) or on < locked.starts_on:
        refuse(_("The end day is before the start day."), "end_before_start")
    if on > timezone.localdate():
        refuse(_("A pairing cannot end in the future."), "end_future")
    locked.state, locked.ends_on = state, on
    locked.end_reason = _text(reason, field=_("Reason for ending"), limit=200, code="reason")


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
    activity = _text(activity, field=_("What was done"), limit=2000, code="activity")
    goods = _text(goods, field=_("Goods"), limit=200, code="goods", required=False)
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


def add_help_photos(log: HelpLog, *, photos: Sequence, by) -> list[HelpPhoto]:
    """Add photos to a logged visit, up to MAX_PHOTOS in all (each re-encoded, without EXIF)."""
    forbid(p_rules.can_log_help(by, log.pairing), _("Only the helper side's organisation admins log help."))
    if not photos:
        refuse(_("Choose at least one photo."), "photos_missing")
    if len(photos) > MAX_PHOTOS:
        refuse(_("At most %(n)d photos.") % {"n": MAX_PHOTOS}, "photos_many")
    checked = [check_upload(f, allowed=(PHOTO,)) for f in photos]
    with transaction.atomic():
        Pairing.objects.select_for_update().get(pk=log.pairing_id)  # one count at a time per pairing
        if log.photos.count() + len(checked) > MAX_PHOTOS:
            refuse(_("At most %(n)d photos.") % {"n": MAX_PHOTOS}, "photos_many")
        stored = HelpPhoto.store(checked, log=log)
        audit.record("pairing.photos", by=by, obj=log, after={"photos": [c.sha256 for c in checked]})
    return stored
