"""Honour kinds, and a selection's set-up and life: draft → nominations open → under
review → shortlist → on public notice → final (commended is set by pacesetter.honours)."""
from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.evaluation.enums import RoundState
from pacesetter.linkage.enums import AffiliateKind

from .. import rules as s_rules
from ..eligibility import clean_rules
from ..enums import NominationStatus, NomineeKind, QuotaBy, SelectionState
from ..models import HonourKind, Nomination, Quota, Selection
from .common import add_working_days, forbid, locked, refuse, text

MAX_QUOTA_GROUPS = 100


def _forbid_unless_manager(user) -> None:
    forbid(s_rules.can_manage_selections(user), _("Only county admins run selections."))


# --- Honour kinds ----------------------------------------------------------------------


@transaction.atomic
def add_honour_kind(*, by, name: str, nominee: str, code: str = "", affiliate_kind: str = "") -> HonourKind:
    """A new honour kind at the end of the list; one for affiliate units may be for one kind
    of unit only (a Youth League honour: 五四红旗团支部)."""
    _forbid_unless_manager(by)
    name = text(name, field=_("Name"), limit=50)
    if nominee not in NomineeKind.values:
        refuse(_("Choose whom the honour is given to."), "nominee")
    affiliate_kind = affiliate_kind or ""
    if affiliate_kind and (nominee != NomineeKind.AFFILIATE or affiliate_kind not in AffiliateKind.values):
        refuse(_("Only an honour for affiliate units names a kind of affiliate."), "affiliate_kind")
    if HonourKind.objects.filter(name=name).exists():
        refuse(_("An honour kind of this name exists already."), "duplicate")
    code = slugify(code or "") or f"kind-{HonourKind.objects.count() + 1}"
    while HonourKind.objects.filter(code=code).exists():
        code = f"{code}-1"
    last = HonourKind.objects.order_by("-position").values_list("position", flat=True).first() or 0
    kind = HonourKind.objects.create(code=code[:40], name=name, nominee=nominee, affiliate_kind=affiliate_kind,
                                     position=last + 1)
    audit.record("selections.kind.add", by=by, obj=kind, after={"code": kind.code, "name": name, "nominee": nominee,
                                                                 "affiliate_kind": affiliate_kind})
    return kind


@transaction.atomic
def change_honour_kind(kind: HonourKind, *, by, name: str | None = None, active: bool | None = None) -> HonourKind:
    """Rename a kind, or take it out of use (or back): honours given stay as they are."""
    _forbid_unless_manager(by)
    kind = HonourKind.objects.select_for_update().get(pk=kind.pk)
    before = {"name": kind.name, "active": kind.active}
    if name is not None:
        name = text(name, field=_("Name"), limit=50)
        if HonourKind.objects.filter(name=name).exclude(pk=kind.pk).exists():
            refuse(_("An honour kind of this name exists already."), "duplicate")
        kind.name = name
    if active is not None:
        kind.active = active
    kind.save(update_fields=["name", "active"])
    audit.record("selections.kind.change", by=by, obj=kind, before=before, after={"name": kind.name,
                                                                                   "active": kind.active})
    return kind


# --- Set-up ----------------------------------------------------------------------------


def _clean(data: dict, *, creating: bool) -> dict:
    kind, round_ = data["kind"], data.get("round")
    if creating and not kind.active:
        refuse(_("This honour kind is out of use."), "kind_inactive")
    if round_ is not None and round_.state != RoundState.RELEASED:
        refuse(_("Choose an evaluation round whose results are released."), "round_not_released")
    if data.get("quota_by", QuotaBy.COUNTY) not in QuotaBy.values:
        refuse(_("Choose how the seats are shared."), "quota_by")
    if not 1 <= int(data.get("default_quota", 1)) <= 1000:
        refuse(_("Seats are a whole number from 1 to 1,000."), "seats")
    if not 1 <= int(data.get("notice_days", 5)) <= 30:
        refuse(_("The notice period is 1 to 30 working days."), "notice_days")
    try:
        data["rules"] = clean_rules(data.get("rules") or {})
    except (ValueError, TypeError):
        refuse(_("An eligibility rule has a threshold out of range."), "rules")
    quotas = data["quotas"] = data.get("quotas") or {}
    if len(quotas) > MAX_QUOTA_GROUPS or any(not 0 <= int(n) <= 1000 for n in quotas.values()):
        refuse(_("The quota table has at most 100 groups of 0 to 1,000 seats."), "quotas")
    data["title"] = text(data["title"], field=_("Title"), limit=200)
    data["description"] = text(data.get("description", ""), field=_("Description"), limit=4000, required=False)
    return data


def _save_quotas(selection: Selection, quotas: dict) -> None:
    selection.quotas.all().delete()
    Quota.objects.bulk_create(Quota(selection=selection, group=text(group, field=_("Township or sector"), limit=50),
                                    seats=int(seats)) for group, seats in sorted(quotas.items()))


def _snapshot(selection: Selection) -> dict:
    return audit.jsonable({
        "title": selection.title, "kind": selection.kind.code, "campaign": selection.campaign_id,
        "round": selection.round_id, "rules": selection.rules, "quota_by": selection.quota_by,
        "default_quota": selection.default_quota, "nominations_close_on": selection.nominations_close_on,
        "notice_days": selection.notice_days,
        "quotas": dict(selection.quotas.values_list("group", "seats")),
    })


FIELDS = ["campaign", "kind", "title", "description", "round", "rules", "quota_by", "default_quota",
          "nominations_close_on", "notice_days"]


@transaction.atomic
def create_selection(*, by, campaign, kind: HonourKind, title: str, nominations_close_on: datetime.date,
                     description: str = "", round=None, rules: dict | None = None, quota_by: str = QuotaBy.COUNTY,
                     default_quota: int = 1, quotas: dict | None = None, notice_days: int = 5) -> Selection:
    """A draft selection; `quotas` maps a township or sector to its seats."""
    _forbid_unless_manager(by)
    data = _clean({"campaign": campaign, "kind": kind, "title": title, "description": description, "round": round,
                   "rules": rules, "quota_by": quota_by, "default_quota": default_quota, "quotas": quotas,
                   "nominations_close_on": nominations_close_on, "notice_days": notice_days}, creating=True)
    quotas = data.pop("quotas")
    selection = Selection.objects.create(created_by=by, **data)
    _save_quotas(selection, quotas)
    audit.record("selections.selection.create", by=by, obj=selection, after=_snapshot(selection))
    return selection


@transaction.atomic
def change_selection(selection: Selection, *, by, quotas: dict | None = None, **changes) -> Selection:
    """Change the set-up while the selection is a draft or open for nominations (rules and
    the round only in the draft: nominations already checked must stay comparable)."""
    _forbid_unless_manager(by)
    selection = locked(selection)
    if selection.state not in (SelectionState.DRAFT, SelectionState.NOMINATING):
        refuse(_("The set-up is fixed once the review has started."), "state")
    if selection.state != SelectionState.DRAFT and (
            ("rules" in changes and clean_rules(changes["rules"] or {}) != selection.rules)
            or ("round" in changes and changes["round"] != selection.round)):
        refuse(_("Rules and round are fixed once nominations are open."), "state")
    before = _snapshot(selection)
    data = {name: changes.get(name, getattr(selection, name)) for name in FIELDS}
    data["quotas"] = quotas if quotas is not None else dict(selection.quotas.values_list("group", "seats"))
    data = _clean(data, creating=False)
    for name in FIELDS:
        setattr(selection, name, data[name])
    selection.save(update_fields=[*FIELDS, "updated_at"])
    _save_quotas(selection, data["quotas"])
    audit.record("selections.selection.change", by=by, obj=selection, before=before, after=_snapshot(selection))
    return selection


# --- Steps -----------------------------------------------------------------------------


def _move(selection: Selection, state: str, *, by, extra=(), after=None) -> Selection:
    before = selection.state
    selection.state = state
    selection.save(update_fields=["state", "updated_at", *extra])
    audit.record(f"selections.selection.{state}", by=by, obj=selection, before={"state": before},
                 after={"state": state, **audit.jsonable(after or {})})
    return selection


@transaction.atomic
def open_nominations(selection: Selection, *, by) -> Selection:
    _forbid_unless_manager(by)
    selection = locked(selection)
    if selection.state != SelectionState.DRAFT:
        refuse(_("Only a draft selection can open nominations."), "state")
    if selection.nominations_close_on < timezone.localdate():
        refuse(_("The nominations close date has passed: change it first."), "closed")
    return _move(selection, SelectionState.NOMINATING, by=by)


@transaction.atomic
def start_review(selection: Selection, *, by) -> Selection:
    """Nominations close; the township and county reviews go on."""
    _forbid_unless_manager(by)
    selection = locked(selection)
    if selection.state != SelectionState.NOMINATING:
        refuse(_("Only a selection open for nominations can start the review."), "state")
    return _move(selection, SelectionState.REVIEWING, by=by)


def seats_of(selection: Selection, group: str) -> int:
    if selection.quota_by == QuotaBy.COUNTY:
        return selection.default_quota
    for quota in selection.quotas.all():
        if quota.group == group:
            return quota.seats
    return selection.default_quota


def group_of(selection: Selection, nomination: Nomination) -> str:
    org = nomination.organization
    return {QuotaBy.TOWNSHIP: org.township, QuotaBy.SECTOR: org.sector}.get(selection.quota_by, "")


def rank_key(nomination: Nomination):
    """Highest score first, those without a score last; ties go to the earlier nomination."""
    score = nomination.record.get("score")
    return (score is None, -(score or 0), nomination.pk)


@transaction.atomic
def shortlist(selection: Selection, *, by) -> list[Nomination]:
    """Rank the county-approved eligible nominations by their score in the round (the
    composite at nomination; ties go to the earlier nomination) and take each group's
    seats in that order. Shortlisted ones get their rank (1, 2, … in the selection) and
    score; the others stay approved, not shortlisted, with their score. May be run again
    while under review: it starts from the approved list each time."""
    _forbid_unless_manager(by)
    selection = locked(selection)
    if selection.state != SelectionState.REVIEWING:
        refuse(_("The shortlist is drawn up while the selection is under review."), "state")
    pool = list(selection.nominations.filter(
        status__in=[NominationStatus.COUNTY_APPROVED, NominationStatus.SHORTLISTED], eligible=True,
    ).select_related("organization").prefetch_related("selection__quotas"))
    if not pool:
        refuse(_("No eligible nomination has been approved by the county yet."), "empty")
    pool.sort(key=rank_key)
    taken: dict[str, int] = {}
    chosen = []
    for nomination in pool:
        group = group_of(selection, nomination)
        score = nomination.record.get("score")
        nomination.score = Decimal(str(round(score, 3))) if score is not None else None
        if taken.get(group, 0) < seats_of(selection, group):
            taken[group] = taken.get(group, 0) + 1
            nomination.status, nomination.rank = NominationStatus.SHORTLISTED, len(chosen) + 1
            chosen.append(nomination)
        else:
            nomination.status, nomination.rank = NominationStatus.COUNTY_APPROVED, None
    Nomination.objects.bulk_update(pool, ["status", "rank", "score"])
    audit.record("selections.selection.shortlist", by=by, obj=selection,
                 after={"shortlist": [[n.pk, n.rank, str(n.score)] for n in chosen]})
    return chosen


@transaction.atomic
def start_notice(selection: Selection, *, by, starts_on: datetime.date | None = None) -> Selection:
    """The shortlist goes on public notice from `starts_on` (today by default) for the
    selection's number of working days."""
    _forbid_unless_manager(by)
    selection = locked(selection)
    if selection.state != SelectionState.REVIEWING:
        refuse(_("Only a selection under review can go on public notice."), "state")
    if not selection.nominations.filter(status=NominationStatus.SHORTLISTED).exists():
        refuse(_("Draw up the shortlist before the notice."), "no_shortlist")
    today = timezone.localdate()
    starts_on = starts_on or today
    if starts_on < today:
        refuse(_("The notice cannot start in the past."), "past")
    selection.notice_starts_on = starts_on
    selection.notice_ends_on = add_working_days(starts_on, selection.notice_days)
    return _move(selection, SelectionState.NOTICE, by=by, extra=["notice_starts_on", "notice_ends_on"],
                 after={"starts_on": starts_on, "ends_on": selection.notice_ends_on})
